"""The QTI packages as Canvas reads them: valid against the QTI 1.2 DTD its importer ships, titled by Canvas's
`assessment_meta.xml`, HTML without entities a plain reader would show, essays' model answers kept from students.

The rules come from running Canvas's own QTI 1.2 converter (instructure/QTIMigrationTool) on every package;
CI has not got it, so these tests keep what it showed (see tests/fixtures/qti/README.md)."""

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from sourcebook.course import load_course
from sourcebook.instructor.qti import write_qti
from sourcebook.instructor.questions import select

from .conftest import ROOT, sourcebook_cli

DTD = Path(__file__).parent / "fixtures" / "qti" / "ims_qtiasiv1p2.dtd"
M = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
LOR = "associatedcontent/imscc_xmlv1p1/learning-application-resource"
ENTITY = re.compile(r"&#?\w+;")


@pytest.fixture(scope="module")
def course():
    return load_course()


@pytest.fixture(scope="module")
def packages(course, tmp_path_factory):
    """Every bank and the assignment, exported with the defaults: {name: (zip, title, questions, written)}."""
    folder = tmp_path_factory.mktemp("qti")
    names = sorted({e.file.stem for e in course.banks.exercises.values()}) + sorted(course.assignments)
    out = {}
    for name in names:
        title, questions = select(course, name)
        written = write_qti(folder / f"{name}.zip", name, title, questions)
        out[name] = (written[0], title, questions, written)
    return out


def without_namespace(xml: bytes):
    """A copy of the document with its default namespace dropped (a DTD cannot see namespaces)."""
    root = etree.fromstring(xml)
    for node in root.iter():
        if isinstance(node.tag, str):
            node.tag = etree.QName(node).localname
    etree.cleanup_namespaces(root)
    return etree.fromstring(etree.tostring(root))


def contents(path):
    """The manifest and the assessment's file and settings file, as Canvas finds them."""
    with zipfile.ZipFile(path) as z:
        manifest = etree.fromstring(z.read("imsmanifest.xml"))
        qti = manifest.find(f"{M}resources/{M}resource[@type='imsqti_xmlv1p2']")
        meta = manifest.find(f"{M}resources/{M}resource[@type='{LOR}']")
        return manifest, qti, meta, {n: z.read(n) for n in z.namelist()}


def test_every_package_is_valid_against_the_qti_1_2_dtd(packages):
    dtd = etree.DTD(str(DTD))
    items = 0
    for name, (path, *_rest) in packages.items():
        _manifest, qti, _meta, files = contents(path)
        doc = without_namespace(files[qti.find(f"{M}file").get("href")])
        assert dtd.validate(doc), f"{name}: {dtd.error_log.filter_from_errors()}"
        items += len(doc.findall(".//item"))
    assert len(packages) == 13 and items == 122  # 12 banks (117 exercises) and the assignment (5)


def test_every_package_carries_its_title_where_canvas_reads_it(packages):
    for path, title, _questions, _written in packages.values():
        manifest, qti, meta, files = contents(path)
        assessment = without_namespace(files[qti.find(f"{M}file").get("href")]).find("assessment")
        ident = assessment.get("ident")
        # Canvas: the quiz's migration id (the assessment's ident) + "/assessment_meta.xml", listed in a
        # learning-application-resource of the manifest, on which the assessment depends.
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", ident) and ident == qti.get("identifier")
        assert meta.find(f"{M}file").get("href") == f"{ident}/assessment_meta.xml"
        assert qti.find(f"{M}dependency").get("identifierref") == meta.get("identifier")
        settings = etree.fromstring(files[f"{ident}/assessment_meta.xml"])
        assert settings.tag == "{http://canvas.instructure.com/xsd/cccv1p0}quiz"
        assert settings.get("identifier") == ident
        assert settings.findtext("{*}title") == assessment.get("title") == title
    idents = {contents(p)[1].get("identifier") for p, *_ in packages.values()}
    assert len(idents) == len(packages)  # one quiz each: a second import never overwrites another's quiz


def test_no_text_carries_an_entity_a_plain_reader_would_show(packages):
    """HTML mattext keeps only &amp; &lt; &gt; (the HTML's own); plain mattext has no entity at all."""
    html_texts = plain_texts = quoted_lefts = 0
    for name, (path, *_rest) in packages.items():
        _manifest, qti, _meta, files = contents(path)
        doc = without_namespace(files[qti.find(f"{M}file").get("href")])
        for node in doc.iter("mattext"):
            text = node.text or ""
            outside_tags = re.sub(r"<[^>]*>", "", text)
            if node.get("texttype") == "text/html":
                html_texts += 1
                assert set(ENTITY.findall(outside_tags)) <= {"&amp;", "&lt;", "&gt;"}, (name, text)
            else:
                plain_texts += 1
                assert not ENTITY.search(text), (name, text)
        for lid in doc.iter("response_lid"):
            if lid.get("ident").startswith("response_l") and '"' in lid.findtext("material/mattext"):
                quoted_lefts += 1  # a match's left side quoting a source: the quotation marks as characters
    assert html_texts > 1000 and plain_texts > 100 and quoted_lefts > 10


def essays(questions):
    return [q for q in questions if q.kind == "essay"]


def test_an_essays_model_answer_and_rubric_stay_out_of_the_package_by_default(packages):
    checked = 0
    for path, title, questions, written in packages.values():
        _manifest, qti, _meta, files = contents(path)
        package = b"".join(files.values()).decode()
        guide = path.with_name(f"{path.stem}-essay-guidance.html")
        assert written == [path, guide] and guide.exists()
        page = guide.read_text(encoding="utf-8")
        for q in essays(questions):
            assert "<strong>Model answer</strong>" in q.grader_info_html
            doc = without_namespace(files[qti.find(f"{M}file").get("href")])
            item = doc.find(f".//item[@ident='{q.id}']")
            shown = "".join(m.text or "" for m in item.iter("mattext"))
            assert "Model answer" not in shown and "Rubric" not in shown
            assert q.grader_info_html in page and title in page
            checked += 1
        assert "Model answer" not in package
    assert checked == 15  # 14 open exercises in the banks, one in the assignment


def test_the_essay_guidance_flag_puts_them_in_the_general_feedback(course, tmp_path):
    out = tmp_path / "week-1.zip"
    result = sourcebook_cli(  # in this process (test_lms_export runs export-questions as its own process)
        "--course",
        ROOT,
        "export-questions",
        "week-1-sourcing",
        "--format",
        "qti",
        "--out",
        out,
        "--essay-guidance",
        "feedback",
        course=course,
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "week-1-essay-guidance.html").exists() and "for graders only" not in result.stdout
    _manifest, qti, _meta, files = contents(out)
    doc = without_namespace(files[qti.find(f"{M}file").get("href")])
    _title, questions = select(course, "week-1-sourcing")
    found = essays(questions)
    for q in found:
        general = doc.find(f".//item[@ident='{q.id}']/itemfeedback[@ident='general_fb']").findtext(".//mattext")
        assert "Model answer" in general and "Rubric" in general
    assert len(found) == 1
