"""Editor support: bundled files carry a yaml-language-server modeline pointing at the right schema, the
schemas read the same way under the draft-07 rules that yaml-language-server applies, and
`plancheck new` scaffolds a plan file that validates."""

from __future__ import annotations

import json
import queue
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import jsonschema
import pytest

from checker.corpus import SCHEMA_IDS
from checker.discovery import find_yaml_files
from checker.loader import load_yaml
from checker.schema import NAMES, load_schema
from conftest import FIXTURES, PLANS, ROOT, run_cli

MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)$")
BUNDLED = find_yaml_files([PLANS])
LANGUAGE_SERVER = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "yaml-language-server"  # from .ci/run


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.relative_to(PLANS).as_posix())
def test_bundled_files_start_with_a_modeline_to_their_schema(path: Path):
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    match = MODELINE.match(first)
    assert match, f"{path.name} must start with '# yaml-language-server: $schema=...'"
    schema = (path.parent / match.group(1)).resolve()
    kind = SCHEMA_IDS[load_yaml(path)["schema"]]
    assert schema == (ROOT / "checker" / "schema" / f"{kind}.schema.json").resolve()
    assert not Path(match.group(1)).is_absolute()


@pytest.mark.parametrize("name", NAMES)
def test_schema_command_prints_the_schema_file(name):
    result = run_cli("schema", name)
    assert result.returncode == 0
    assert json.loads(result.stdout) == load_schema(name)


@pytest.mark.parametrize("name", NAMES)
def test_schemas_are_valid_for_yaml_language_server(name):
    """yaml-language-server checks a schema against the draft-07 meta-schema before using it."""
    schema = load_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["title"] and schema["description"]


def test_bundled_files_are_valid_when_read_as_draft_07():
    """What the editor reports (draft-07 keywords only) never flags a file plancheck accepts."""
    for path in BUNDLED:
        data = json.loads(json.dumps(load_yaml(path)))
        kind = SCHEMA_IDS[data["schema"]]
        errors = list(jsonschema.Draft7Validator(load_schema(kind)).iter_errors(data))
        assert not errors, f"{path.name}: {errors[0].message}"


# --- plancheck new -----------------------------------------------------------------------------------

@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "mini", root)
    return root


def test_new_scaffolds_a_plan_that_validates(corpus):
    out = corpus / "plans" / "zhongshan-fyp15.yaml"
    result = run_cli("new", "--region", "520201", "--level", "county", "--id", "zhongshan-fyp15", "--output", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    first = text.split("\n", 1)[0]
    schema = (out.parent / MODELINE.match(first).group(1)).resolve()
    assert schema.name == "plan.schema.json" and schema.is_file()
    assert 'title: "钟山区' in text and 'region: "520201"' in text and "id: zhongshan-fyp15" in text
    validated = run_cli("validate", str(corpus))
    assert validated.returncode == 0, validated.stderr
    # the commented example target validates once uncommented
    uncommented = re.sub(r"^# (targets:|  )", r"\1", text, flags=re.M)
    assert "\ntargets:\n  - id: gdp" in uncommented
    out.write_text(uncommented, encoding="utf-8")
    assert run_cli("validate", str(corpus)).returncode == 0
    checked = run_cli("check", "--no-html", str(corpus), "--plan", "zhongshan-fyp15", cwd=corpus)
    assert checked.returncode in (0, 1), checked.stderr


def test_new_to_stdout_takes_the_level_from_the_region(corpus):
    result = run_cli("new", "--region", "520200", "--corpus", str(corpus))
    assert result.returncode == 0, result.stderr
    assert "level: municipal" in result.stdout and "id: 520200-draft" in result.stdout


def test_new_reuses_the_corpus_schema_location(tmp_path):
    """In a repository that keeps its schemas (like this one), the modeline points at them."""
    out = tmp_path / "new.yaml"
    result = run_cli("new", "--region", "520201", "--corpus", str(PLANS), "--output", str(out))
    assert result.returncode == 0, result.stderr
    target = MODELINE.match(out.read_text(encoding="utf-8").split("\n", 1)[0]).group(1)
    assert (out.parent / target).resolve() == (ROOT / "checker" / "schema" / "plan.schema.json").resolve()


@pytest.mark.parametrize("args,message", [
    (["--region", "520201", "--level", "municipal"], "a municipal plan cannot be for 钟山区 (520201)"),
    (["--region", "999999"], "unknown region '999999'"),
    (["--region", "liupanshui-central-city"], "say which level of plan it is with --level"),
    (["--region", "520201", "--id", "Bad_Id"], "'Bad_Id' is not a plan id"),
])
def test_new_refuses_what_would_not_validate(corpus, args, message):
    result = run_cli("new", *args, "--corpus", str(corpus))
    assert result.returncode == 2 and message in result.stderr, result.stderr


def test_new_keeps_an_existing_file(corpus):
    existing = corpus / "plans" / "county.yaml"
    before = existing.read_bytes()
    result = run_cli("new", "--region", "520201", "--output", str(existing))
    assert result.returncode == 2 and "file exists" in result.stderr
    assert existing.read_bytes() == before


# --- the real consumer: yaml-language-server --------------------------------------------------------

class LanguageServer:
    """Just enough of an LSP client to open YAML files in yaml-language-server and read its diagnostics."""

    SETTINGS = {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False}}

    def __init__(self, command: list[str], root: Path):
        self.process = subprocess.Popen([*command, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.inbox: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self._send({"id": 1, "method": "initialize", "params": {
            "processId": None, "rootUri": root.as_uri(), "capabilities": {"workspace": {"configuration": True}}}})
        self._wait(lambda m: m.get("id") == 1 and "result" in m)
        self._send({"method": "initialized", "params": {}})
        self._send({"method": "workspace/didChangeConfiguration", "params": {"settings": {"yaml": self.SETTINGS}}})
        self.version = 0

    def diagnostics(self, path: Path) -> list[dict]:
        """Diagnostics of the file as the editor would show them on opening it."""
        self.version += 1
        uri = path.resolve().as_uri()
        self._send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": self.version, "text": path.read_text(encoding="utf-8")}}})
        message = self._wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                             and m["params"]["uri"] == uri)
        self._send({"method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}})
        # closing clears the file's diagnostics with one more message: take it now, not as the next answer
        self._wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
                   and not m["params"]["diagnostics"])
        return message["params"]["diagnostics"]

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)

    def _send(self, message: dict) -> None:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.inbox.put(None)
                    return
                if not line.strip():
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.inbox.put(json.loads(stream.read(length)))

    def _wait(self, wanted, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.inbox.get(timeout=1)
            except queue.Empty:
                continue
            if message is None:
                raise RuntimeError("yaml-language-server exited")
            if message.get("method") == "workspace/configuration":  # the server asks for its settings
                items = message["params"]["items"]
                self._send({"id": message["id"], "result": [self.SETTINGS if i.get("section") == "yaml" else None
                                                             for i in items]})
            elif "id" in message and "method" in message:  # any other request: acknowledge
                self._send({"id": message["id"], "result": None})
            elif wanted(message):
                return message
        raise TimeoutError("no answer from yaml-language-server")


@pytest.fixture(scope="module")
def language_server():
    if LANGUAGE_SERVER.exists():
        command = [str(LANGUAGE_SERVER)]
    elif shutil.which("npx"):
        command = ["npx", "--yes", "yaml-language-server"]
        probe = subprocess.run([*command, "--help"], capture_output=True, text=True, timeout=300)
        if probe.returncode != 0 and "stdio" not in probe.stdout + probe.stderr:
            pytest.skip("npx could not run yaml-language-server")
    else:
        pytest.skip("yaml-language-server is not installed (.ci/run installs it) and npx is not available")
    server = LanguageServer(command, ROOT)
    yield server
    server.close()


def messages(diagnostics: list[dict]) -> list[str]:
    return [f"{d['range']['start']['line'] + 1}: {d['message']}" for d in diagnostics]


def test_language_server_accepts_every_bundled_file(language_server):
    for path in BUNDLED:
        assert not messages(language_server.diagnostics(path)), path.name


def test_language_server_flags_mistakes_through_the_modeline(language_server, tmp_path):
    """A plan with a wrong level, a misspelt key and a bad value inside a target: the schema (with its
    $defs) is loaded through the modeline and each mistake is flagged at its line."""
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copytree(ROOT / "checker" / "schema", tmp_path / "checker" / "schema")
    text = (FIXTURES / "mini" / "plans" / "county.yaml").read_text(encoding="utf-8")
    text = "# yaml-language-server: $schema=../checker/schema/plan.schema.json\n" + text
    text = text.replace("level: county", "level: village").replace("kind: master", "knid: master")
    text = text.replace("attribute: expected", "attribute: advisory")
    bad = folder / "county.yaml"
    bad.write_text(text, encoding="utf-8")
    found = messages(language_server.diagnostics(bad))
    lines = text.splitlines()
    assert any(m.startswith(f"{lines.index('level: village') + 1}: ") and "county" in m for m in found), found
    assert any("knid" in m for m in found), found
    assert any(m.startswith(f"{lines.index('    attribute: advisory') + 1}: ") for m in found), found


def test_language_server_accepts_a_new_plan_and_a_waivers_file(language_server, corpus):
    out = corpus / "plans" / "new.yaml"
    assert run_cli("new", "--region", "520201", "--output", str(out)).returncode == 0
    assert not messages(language_server.diagnostics(out))
    example = re.sub(r"^# (targets:|  )", r"\1", out.read_text(encoding="utf-8"), flags=re.M)
    out.write_text(example, encoding="utf-8")
    assert not messages(language_server.diagnostics(out))
    schema = (ROOT / "checker" / "schema" / "waivers.schema.json").as_posix()
    waivers = corpus / "waivers.yaml"
    waivers.write_text(f"# yaml-language-server: $schema={schema}\nschema: plancheck/waivers/v1\nwaivers:\n"
                       "  - {rule: internal-growth-path, plan: county-plan, reason: 待修编, expires: \"2026-12-31\"}\n",
                       encoding="utf-8")
    assert not messages(language_server.diagnostics(waivers))
    waivers.write_text(waivers.read_text(encoding="utf-8").replace('"2026-12-31"', '"31.12.2026"'), encoding="utf-8")
    assert messages(language_server.diagnostics(waivers))
