/* Replaces pydata-sphinx-theme's 1.49 MB fontawesome.js, which turns <i class="fa-…"> icons into
   inline SVG. The theme's CSS already ships the Font Awesome web fonts, which draw the same icons, so
   the script is not needed. (Sphinx copies html_static_path after the theme's files, so this wins.) */
