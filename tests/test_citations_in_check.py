"""`check` verifies citations only against the documents it finds; `validate --sources` requires them all."""

from __future__ import annotations

from conftest import run_cli


def test_check_runs_when_a_plan_document_is_not_in_the_documents_folder(mini_corpus, tmp_path):
    documents = tmp_path / "documents"
    documents.mkdir()  # a documents folder that holds none of the corpus's documents
    checked = run_cli("check", "--no-html", "--lang", "en", "--documents", str(documents), cwd=mini_corpus)
    assert checked.returncode in (0, 1), checked.stderr
    assert "not found" not in checked.stderr
    validated = run_cli("validate", "--lang", "en", "--sources", str(documents), cwd=mini_corpus)
    assert validated.returncode == 2
    assert "not found in" in validated.stderr


def test_a_cited_document_outside_the_documents_folder_is_never_read(mini_corpus, tmp_path):
    documents = tmp_path / "documents"
    documents.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("not a plan document\n", encoding="utf-8")
    plan = next((mini_corpus / "plans").glob("*.yaml"))
    text = plan.read_text(encoding="utf-8")
    assert "{document: county.txt}" in text
    plan.write_text(text.replace("{document: county.txt}", '{document: "../secret.txt"}'), encoding="utf-8")
    validated = run_cli("validate", "--lang", "en", "--sources", str(documents), cwd=mini_corpus)
    assert validated.returncode == 2
    assert "../secret.txt not found in" in validated.stderr  # refused as a name, not read
