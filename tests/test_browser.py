"""The HTML report in a real browser (headless Chromium through selenium): what a reviewer actually sees.

Every finding of `plancheck check --format json` appears as a row; filters hide rows; the graph is drawn;
nothing is logged to the console; nothing is fetched from anywhere but the report's own files; hostile
plan text shows as text and runs nothing; the page still reads with JavaScript off and in print.

Needs the chromium and chromedriver binaries (Debian: chromium, chromium-driver; fonts-noto-cjk for
Chinese in screenshots). Without them these tests are skipped; .ci/run installs them. Screenshots go to
a temporary folder (or $PLANCHECK_SCREENSHOTS) and their paths are printed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run_cli

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
DRIVERS = ("chromedriver", "/usr/lib/chromium/chromedriver", "/usr/lib/chromium-browser/chromedriver")
HOSTILE = FIXTURES / "hostile"
ALLOWED_SCHEMES = ("file:", "data:", "about:")


def find_binaries() -> tuple[str | None, str | None]:
    browser = os.environ.get("PLANCHECK_CHROMIUM") or next(filter(None, map(shutil.which, BROWSERS)), None)
    driver = os.environ.get("PLANCHECK_CHROMEDRIVER") or next(
        (found for found in (shutil.which(d) or (d if os.path.isfile(d) else None) for d in DRIVERS) if found), None)
    return browser, driver


BROWSER, DRIVER = find_binaries()
pytestmark = pytest.mark.skipif(not (BROWSER and DRIVER),
                                reason="chromium and chromedriver not installed "
                                       "(apt-get install chromium chromium-driver)")


def make_driver(profile: Path, javascript: bool = True):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions", "--hide-scrollbars",
                 f"--user-data-dir={profile}", "--window-size=1300,900", "--lang=zh-CN"):
        options.add_argument(flag)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    browser = webdriver.Chrome(service=Service(DRIVER), options=options)
    browser.get("about:blank")  # leave the new-tab page (and its chrome:// requests) behind
    browser.get_log("browser")
    browser.get_log("performance")
    return browser


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    browser = make_driver(tmp_path_factory.mktemp("chromium-profile"))
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def screens(tmp_path_factory) -> Path:
    folder = Path(os.environ["PLANCHECK_SCREENSHOTS"]) if os.environ.get("PLANCHECK_SCREENSHOTS") else \
        tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def run_check(folder: Path, *args: str) -> dict:
    result = run_cli("check", *args, "--format", "json", "--html", str(folder), cwd=ROOT)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """The bundled corpus, checked by the command line exactly as a user would run it."""
    folder = tmp_path_factory.mktemp("bundled") / "reports"
    return folder, run_check(folder)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "reports"
    return folder, run_check(folder, str(HOSTILE))


class Visit:
    """One page load and what it left in the logs: console messages and every request the page made."""

    def __init__(self, driver, path: Path):
        driver.get_log("browser")
        driver.get_log("performance")  # drain what earlier pages left
        driver.get(path.as_uri())
        self.console = driver.get_log("browser")
        self.requests = []
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            params = message.get("params", {})
            # requests made by this page (its document and anything it loads), not by the browser itself
            if message.get("method") == "Network.requestWillBeSent" and \
                    path.as_uri() in (params.get("documentURL"), params.get("request", {}).get("url")):
                self.requests.append(params["request"]["url"])
        self.resources = driver.execute_script(
            "return performance.getEntriesByType('resource').map(function (e) { return e.name; })")

    def assert_clean(self, name: str) -> None:
        errors = [e for e in self.console if e.get("level") in ("SEVERE", "WARNING")]
        assert not errors, f"{name}: console: {errors}"
        assert self.requests, f"{name}: the performance log recorded no request at all"
        outside = [u for u in self.requests + self.resources if not u.startswith(ALLOWED_SCHEMES)]
        assert not outside, f"{name}: requests outside the report: {outside}"


def visible(driver, selector: str) -> list:
    from selenium.webdriver.common.by import By
    return [e for e in driver.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]


def screenshot(driver, folder: Path, name: str, capsys, max_height: int = 5000) -> Path:
    """A full-page screenshot (up to max_height pixels), its path printed for the reader of the test log."""
    height = min(int(driver.execute_script("return document.documentElement.scrollHeight")), max_height)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1300, "height": height, "deviceScaleFactor": 1, "mobile": False})
    path = folder / f"{name}.png"
    try:
        driver.save_screenshot(str(path))
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    with capsys.disabled():
        print(f"\nscreenshot: {path}")
    return path


# ---------------------------------------------------------------------------------------------- bundled corpus


def test_index_shows_every_finding_of_the_json(driver, bundled, screens, capsys):
    folder, data = bundled
    visit = Visit(driver, folder / "index.html")
    visit.assert_clean("index.html")
    rows = visible(driver, "tr[data-finding]")
    assert len(rows) == len(data["findings"]) > 0
    shown = sorted((r.get_attribute("data-plan"), r.get_attribute("data-severity")) for r in rows)
    assert shown == sorted((f["plan"], f["severity"]) for f in data["findings"])
    assert visible(driver, "#filters"), "the script did not run (check the CSP hash)"
    assert visible(driver, "table.matrix")
    screenshot(driver, screens, "index-zh", capsys)


def test_filters_and_search_hide_rows(driver, bundled):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    folder, data = bundled
    Visit(driver, folder / "index.html")
    total = len(data["findings"])
    driver.find_element(By.CSS_SELECTOR, "#filters input[name=severity][value=info]").click()
    assert len(visible(driver, "tr[data-finding]")) == sum(f["severity"] != "info" for f in data["findings"]) < total
    assert driver.find_element(By.CSS_SELECTOR, "#filters output").text.startswith("显示")
    driver.find_element(By.CSS_SELECTOR, "#filters input[name=severity][value=info]").click()
    Select(driver.find_element(By.CSS_SELECTOR, "#filters select[name=category]")).select_by_value("gap")
    assert len(visible(driver, "tr[data-finding]")) == sum(f["category"] == "gap" for f in data["findings"])
    Select(driver.find_element(By.CSS_SELECTOR, "#filters select[name=category]")).select_by_value("")
    plan = data["findings"][0]["plan"]
    Select(driver.find_element(By.CSS_SELECTOR, "#filters select[name=plan]")).select_by_value(plan)
    assert len(visible(driver, "tr[data-finding]")) == sum(f["plan"] == plan for f in data["findings"])
    Select(driver.find_element(By.CSS_SELECTOR, "#filters select[name=plan]")).select_by_value("")
    search = driver.find_element(By.CSS_SELECTOR, "#filters input[name=q]")
    search.send_keys("城镇化率")
    rows = visible(driver, "tr[data-finding]")
    assert 0 < len(rows) < total
    assert all("城镇化率" in r.text for r in rows)
    search.clear()
    search.send_keys(" ")  # an input event after clearing
    assert len(visible(driver, "tr[data-finding]")) == total


def test_each_plan_page_shows_its_findings_and_graph(driver, bundled, screens, capsys):
    from checker.render.html_names import page_name

    folder, data = bundled
    pages = sorted(p.name for p in folder.glob("plan-*.html"))
    assert len(pages) == data["plans"]
    for name in pages:
        visit = Visit(driver, folder / name)
        visit.assert_clean(name)
        cards = visible(driver, "article[data-finding]")
        mine = [f for f in data["findings"] if page_name(f["plan"]) == name]
        assert len(cards) == len(mine), name
        assert {c.get_attribute("data-plan") for c in cards} <= {f["plan"] for f in mine}
        graph = visible(driver, "svg.graph")
        assert graph and graph[0].size["height"] > 50, name
    zhongshan = folder / page_name("zhongshan-fyp14")
    Visit(driver, zhongshan)
    assert visible(driver, "svg.chart"), "numeric findings come with a chart"
    assert len(visible(driver, "svg.graph g.node")) > 10
    screenshot(driver, screens, "plan-zhongshan-zh", capsys, max_height=7000)
    driver.get(zhongshan.as_uri() + "#family-vertical")
    driver.save_screenshot(str(screens / "plan-zhongshan-vertical.png"))
    with capsys.disabled():
        print(f"\nscreenshot: {screens / 'plan-zhongshan-vertical.png'}")


def test_plan_page_filter_hides_cards_and_empty_groups(driver, bundled):
    from selenium.webdriver.common.by import By
    from checker.render.html_names import page_name

    folder, data = bundled
    Visit(driver, folder / page_name("zhongshan-fyp14"))
    before = len(visible(driver, "article[data-finding]"))
    for severity in ("warning", "info"):
        driver.find_element(By.CSS_SELECTOR, f"#filters input[name=severity][value={severity}]").click()
    errors = [f for f in data["findings"] if f["plan"] == "zhongshan-fyp14" and f["severity"] == "error"]
    assert len(visible(driver, "article[data-finding]")) == len(errors) < before
    families = {f["family"] for f in errors}
    assert {g.get_attribute("id") for g in visible(driver, "section[data-group]")} == {f"family-{x}" for x in families}


def test_english_report(driver, tmp_path_factory, screens, capsys):
    folder = tmp_path_factory.mktemp("english") / "reports"
    result = run_cli("check", "--lang", "en", "--format", "json", "--html", str(folder), cwd=ROOT)
    data = json.loads(result.stdout)
    visit = Visit(driver, folder / "index.html")
    visit.assert_clean("index.html (en)")
    assert driver.find_element("css selector", "html").get_attribute("lang") == "en"
    assert "Consistency matrix" in driver.find_element("css selector", "body").text
    assert len(visible(driver, "tr[data-finding]")) == len(data["findings"])
    screenshot(driver, screens, "index-en", capsys, max_height=2200)


def test_reads_without_javascript(tmp_path_factory, bundled, screens, capsys):
    folder, data = bundled
    browser = make_driver(tmp_path_factory.mktemp("chromium-nojs"), javascript=False)
    try:
        browser.get((folder / "index.html").as_uri())
        assert len(visible(browser, "tr[data-finding]")) == len(data["findings"])
        assert not visible(browser, "#filters"), "controls that cannot work stay hidden"
        assert visible(browser, ".nojs")
        assert visible(browser, "table.matrix")
        screenshot(browser, screens, "index-without-javascript", capsys, max_height=1600)
    finally:
        browser.quit()


def test_print_layout(driver, bundled, screens, capsys):
    """In print a plan page is a memo: cover first, then the findings most serious first; the targets list
    and the rules' full documentation are left out; headings stay with what follows them."""
    from selenium.webdriver.common.by import By
    from checker.render.html_names import page_name

    folder, data = bundled
    Visit(driver, folder / page_name("zhongshan-fyp14"))
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not visible(driver, "#filters")
        assert not visible(driver, "#targets") and not visible(driver, "#roles-projects")
        assert not visible(driver, ".explain details") and not visible(driver, ".explain .doc-first")
        cover = visible(driver, ".cover")
        assert cover, "the memo has a cover"
        mine = [f for f in data["findings"] if f["plan"] == "zhongshan-fyp14" and not f.get("suppressed")]
        counts = {c.get_attribute("data-memo-count"): int(c.text) for c in
                  driver.find_elements(By.CSS_SELECTOR, ".cover [data-memo-count]")}
        assert counts == {s: sum(f["severity"] == s for f in mine) for s in ("error", "warning", "info")}
        assert "plancheck" in cover[0].text and re.search(r"\d{4}-\d{2}-\d{2}", cover[0].text)
        cards = sorted(visible(driver, "article[data-finding]"), key=lambda c: (c.location["y"], c.location["x"]))
        order = [c.get_attribute("data-severity") for c in cards]
        rank = {"error": 0, "warning": 1, "info": 2}
        assert order == sorted(order, key=rank.get) and len(set(order)) > 1, "findings by severity"
        assert cards[0].location["y"] > cover[0].location["y"]
        for heading in visible(driver, "h2, h3, h4"):
            assert driver.execute_script("return getComputedStyle(arguments[0]).breakAfter", heading) == "avoid"
        screenshot(driver, screens, "plan-zhongshan-print", capsys, max_height=2400)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_the_documented_command_prints_zhongshan_in_at_most_30_pages(bundled, tmp_path, capsys):
    """docs/report.md: `chromium --headless --no-pdf-header-footer --print-to-pdf=memo.pdf PAGE` (plus
    --no-sandbox as root). Every page after the cover carries the plan's name as a running header."""
    import subprocess
    import unicodedata
    from pypdf import PdfReader
    from checker.render.html_names import page_name

    folder, _ = bundled
    pdf = tmp_path / "zhongshan.pdf"
    subprocess.run([BROWSER, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'p'}",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", str(folder / page_name("zhongshan-fyp14"))],
                   check=True, capture_output=True, timeout=180)
    pages = PdfReader(pdf).pages
    with capsys.disabled():
        print(f"\nprinted 钟山区 page: {len(pages)} A4 pages ({pdf})")
    assert 2 < len(pages) <= 30
    box = pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842), "A4"
    texts = [unicodedata.normalize("NFKC", p.extract_text()) for p in pages]
    title = "第十四个五年规划和二〇三五年远景目标纲要 · 审查备忘"  # (a PDF may write 民 as a radical)
    assert "规划衔接审查备忘" in texts[0].replace(" ", "")
    for number, text in enumerate(texts[1:], start=2):
        assert title in text and f"{number} / {len(pages)}" in text, number
    assert "本规划的全部目标" not in "".join(texts), "the targets list (and its note) is not printed"


# ---------------------------------------------------------------------------------------------- hostile text


def test_hostile_text_is_inert_and_shown_literally(driver, hostile, screens, capsys):
    from selenium.common.exceptions import NoAlertPresentException

    folder, data = hostile
    pages = sorted(folder.glob("*.html"))
    assert len(pages) == 4
    for page in pages:
        visit = Visit(driver, page)
        with pytest.raises(NoAlertPresentException):
            driver.switch_to.alert.text  # noqa: B018 - an alert would mean a payload ran
        visit.assert_clean(page.name)
        counts = driver.execute_script("""return {
            scripts: Array.prototype.map.call(document.scripts, function (s) {
                return s.getAttribute('src') || s.getAttribute('type'); }),
            injected: document.querySelectorAll('img, iframe, object, embed, base, marquee').length,
            sheets: Array.prototype.map.call(document.querySelectorAll('link[rel=stylesheet]'), function (l) {
                return l.getAttribute('href'); }),
            styles: document.querySelectorAll('style').length,
            bodyHeight: document.body.getBoundingClientRect().height,
            handlers: Array.prototype.filter.call(document.querySelectorAll('*'), function (el) {
                return Array.prototype.some.call(el.attributes, function (a) { return a.name.indexOf('on') === 0; });
            }).length};""")
        scripts = counts.pop("scripts")
        # the report's script after the plan data files it draws from (and a plan page's data block, not run)
        assert scripts[-1] == "report.js" and all(
            s == "application/json" or (s.endswith(".js") and (folder / s).is_file()) for s in scripts), page.name
        assert counts == {"injected": 0, "sheets": ["report.css"],
                          "styles": 1 if page.name.startswith("plan-") else 0, "bodyHeight": counts["bodyHeight"],
                          "handlers": 0}, page.name
        assert counts["bodyHeight"] > 300, f"{page.name}: an injected style hid the page"
    from checker.render.html_names import page_name
    Visit(driver, folder / page_name("hostile-county"))
    text = driver.find_element("css selector", "body").text
    for payload in ("<script>alert('title')</script>钟山区规划", "<img src=x onerror=alert('label')>城镇化率",
                    "</script><script>alert('quote')</script>城镇化率75%", "{{ 7*7 }}地区生产总值",
                    "<iframe src=\"https://example.com/\"></iframe>人民政府"):
        assert payload in text, payload
    assert len(visible(driver, "article[data-finding]")) == sum(f["plan"] == "hostile-county" for f in data["findings"])
    screenshot(driver, screens, "hostile-county", capsys, max_height=2600)


# ---------------------------------------------------------------------------------------------- source view


def test_a_quote_opens_its_line_in_the_source_view(driver, bundled, screens, capsys):
    from selenium.webdriver.common.by import By
    from checker.render.html_names import page_name

    folder, _ = bundled
    if not list(folder.glob("source-*.html")):
        pytest.skip("seed documents (../shared/seeds) not present: the report has no source view")
    Visit(driver, folder / page_name("zhongshan-fyp14"))
    quote = driver.find_element(By.CSS_SELECTOR, "article[data-finding] .src a.quote")
    expected = quote.get_attribute("href")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", quote)
    quote.click()
    assert driver.current_url == expected and "#L" in expected
    visit = Visit(driver, Path(expected.split("#")[0][len("file://"):]))
    visit.assert_clean("source view")
    driver.get(expected)
    line = driver.find_element(By.CSS_SELECTOR, "ol.doc li:target")
    assert line.get_attribute("id") == expected.rsplit("#", 1)[1]
    assert driver.execute_script("return getComputedStyle(arguments[0]).backgroundColor", line) != "rgba(0, 0, 0, 0)"
    # the cited line is in view with lines above and below it
    top, bottom = driver.execute_script("var r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom]", line)
    height = driver.execute_script("return window.innerHeight")
    assert 100 < top and bottom < height - 100, (top, bottom, height)
    back = driver.find_element(By.CSS_SELECTOR, "ol.doc li:target a.back")
    assert page_name("zhongshan-fyp14") in back.get_attribute("href") or "plan-" in back.get_attribute("href")
    driver.save_screenshot(str(screens / "source-view.png"))
    with capsys.disabled():
        print(f"\nscreenshot: {screens / 'source-view.png'}")


# ---------------------------------------------------------------------------------------------- accessibility

AXE = ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"  # from npm, installed by .ci/run


def axe_violations(driver) -> list[dict]:
    """axe-core's violations on the loaded page (injected through the driver, so the page's CSP is untouched)."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    driver.set_script_timeout(120)
    return driver.execute_async_script("""var done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']}).then(function (r) {
          done(r.violations.map(function (v) { return {id: v.id, impact: v.impact, nodes: v.nodes.length,
            first: v.nodes[0].target.join(' ')}; })); }, function (e) { done([{id: 'axe-error', impact: 'critical',
            nodes: 1, first: String(e)}]); });""")


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    folder = tmp_path_factory.mktemp("english-a11y") / "reports"
    return folder, run_check(folder, "--lang", "en")


def test_no_serious_or_critical_axe_violations(driver, bundled, english, capsys):
    if not AXE.is_file():
        pytest.skip("axe-core is not installed (.ci/run installs it from npm into .ci/node)")
    from checker.render.html_names import page_name

    counts = {}
    for folder, _ in (bundled, english):
        pages = [folder / "index.html", *(folder / page_name(p) for p in ("zhongshan-fyp14", "qianzhong-cluster-2023"))]
        pages += sorted(folder.glob("source-*.html"))[:1]
        for page in pages:
            Visit(driver, page)
            found = axe_violations(driver)
            serious = [v for v in found if v["impact"] in ("serious", "critical")]
            assert not serious, f"{page}: {serious}"
            counts[f"{folder.parent.name}/{page.name}"] = sum(v["nodes"] for v in found)
    with capsys.disabled():
        print(f"\naxe-core violations (any impact) by page: {counts}")


def test_skip_link_and_keyboard_reachable_graph_links(driver, bundled):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    from checker.render.html_names import page_name

    folder, _ = bundled
    Visit(driver, folder / page_name("zhongshan-fyp14"))
    keys = ActionChains(driver)
    keys.send_keys(Keys.TAB).perform()
    first = driver.switch_to.active_element
    assert first.get_attribute("class") == "skip" and first.is_displayed(), "the first Tab stop is the skip link"
    first.send_keys(Keys.ENTER)
    assert driver.execute_script("return document.activeElement.id") == "main"
    assert driver.execute_script("return document.activeElement.getBoundingClientRect().top") < 5
    # Tab on from the content start reaches a link inside the graph picture
    for _ in range(400):
        keys.send_keys(Keys.TAB).perform()
        if driver.execute_script("return !!document.activeElement.closest('svg.graph')"):
            break
    else:
        pytest.fail("no graph link is reachable with the keyboard")
    target = driver.execute_script("return document.activeElement.getAttribute('href')")
    assert target and "#t-" in target


@pytest.mark.parametrize("name", ["index.html", "plan-zhongshan-fyp14.html", "plan-qianzhong-cluster-2023.html",
                                  "plan-liupanshui-urbanization-fyp14.html"])
def test_no_sideways_scroll_at_390_px(driver, bundled, screens, capsys, name):
    folder, _ = bundled
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    try:
        Visit(driver, folder / name)
        width, client = driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width <= client == 390, (name, width)
        # picture text stays legible: every drawn label at least 9 px high
        small = driver.execute_script("""return Array.prototype.filter.call(document.querySelectorAll('svg text'),
            function (t) { var h = t.getBoundingClientRect().height; return h > 0 && h < 9; }).length""")
        assert small == 0, (name, small)
        path = screens / f"narrow-{name.replace('.html', '')}.png"
        driver.save_screenshot(str(path))
        with capsys.disabled():
            print(f"\nscreenshot: {path}")
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


# ---------------------------------------------------------------------------------------------- the index at scale


def test_index_leads_with_findings_and_a_table_of_contents(driver, bundled):
    from selenium.webdriver.common.by import By

    folder, _ = bundled
    Visit(driver, folder / "index.html")
    order = driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('main > section, main > nav'), function (s) { return s.id; })")
    assert order.index("toc") < order.index("findings") < order.index("plans") < order.index("matrix"), order
    links = [a.get_attribute("href").rsplit("#", 1)[1] for a in driver.find_elements(By.CSS_SELECTOR, "#toc a")]
    assert links[0] == "findings" and all(driver.find_elements(By.ID, x) for x in links)
    shown = [r.get_attribute("data-severity") for r in visible(driver, "tr[data-finding]")]
    rank = {"error": 0, "warning": 1, "info": 2}
    assert shown[0] == min(shown, key=rank.get), "the most serious first"


def test_filter_state_is_kept_in_the_address(driver, bundled):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    folder, data = bundled
    Visit(driver, folder / "index.html")
    driver.find_element(By.CSS_SELECTOR, "#filters input[name=severity][value=info]").click()
    Select(driver.find_element(By.CSS_SELECTOR, "#filters select[name=category]")).select_by_value("gap")
    driver.find_element(By.CSS_SELECTOR, "#filters input[name=q]").send_keys("清镇")
    address = driver.current_url
    assert "severity=error%2Cwarning" in address and "category=gap" in address and "q=" in address
    shown = len(visible(driver, "tr[data-finding]"))
    expected = sum(f["category"] == "gap" and f["severity"] != "info" and "清镇" in json.dumps(f, ensure_ascii=False)
                   for f in data["findings"])
    assert 0 < shown <= expected
    driver.get(address)  # a bookmark or a reload gives the same view
    assert len(visible(driver, "tr[data-finding]")) == shown
    assert not driver.find_element(By.CSS_SELECTOR, "#filters input[name=severity][value=info]").is_selected()
    assert driver.find_element(By.CSS_SELECTOR, "#filters input[name=q]").get_attribute("value") == "清镇"
    driver.get((folder / "index.html").as_uri())
    assert len(visible(driver, "tr[data-finding]")) == len(data["findings"])


def test_tables_sort_by_a_column(driver, bundled):
    from selenium.webdriver.common.by import By

    folder, data = bundled
    Visit(driver, folder / "index.html")
    header = driver.find_elements(By.CSS_SELECTOR, "table.plans thead th")[5]  # targets
    button = header.find_element(By.CSS_SELECTOR, "button.sort")

    def targets():
        return [int(r.find_elements(By.TAG_NAME, "td")[5].text) for r in driver.find_elements(By.CSS_SELECTOR, "table.plans tbody tr")]

    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    assert header.get_attribute("aria-sort") == "ascending" and targets() == sorted(targets())
    button.click()
    assert header.get_attribute("aria-sort") == "descending" and targets() == sorted(targets(), reverse=True)
    assert len(targets()) == data["plans"]


def test_new_and_fixed_since_the_baseline_view(driver, tmp_path, screens, capsys):
    from selenium.webdriver.common.by import By

    baseline = tmp_path / "baseline.json"
    assert run_cli("baseline", str(baseline), cwd=ROOT).returncode == 0
    data = json.loads(baseline.read_text(encoding="utf-8"))
    dropped = data["findings"].pop(0)
    baseline.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    folder = tmp_path / "reports"
    run_check(folder, "--baseline", str(baseline))
    Visit(driver, folder / "index.html").assert_clean("index.html with a baseline")
    section = visible(driver, "#since-baseline")
    assert section and "新增 1 条" in section[0].text and "已解决 0 条" in section[0].text
    link = driver.find_element(By.CSS_SELECTOR, "#since-baseline ul[data-new] a[href*='#f-']")
    assert link.get_attribute("href").endswith(f"#f-{dropped['fingerprint']}")
    screenshot(driver, screens, "index-since-baseline", capsys, max_height=1400)
    link.click()
    card = driver.find_element(By.CSS_SELECTOR, "article:target")
    assert card.get_attribute("id") == f"f-{dropped['fingerprint']}"


def test_english_pages_name_indicators_units_and_tables_in_english(driver, english, screens, capsys):
    from selenium.webdriver.common.by import By
    from checker.render.html_names import page_name, target_anchor

    folder, _ = english
    Visit(driver, folder / page_name("zhongshan-fyp14")).assert_clean("plan page (en)")
    gdp = driver.find_element(By.ID, target_anchor("gdp"))
    cells = gdp.find_elements(By.TAG_NAME, "td")
    assert cells[0].find_element(By.CSS_SELECTOR, ".lbl").text == "GDP"  # the catalogue's English name
    assert "地区生产总值" in cells[0].text  # the plan's own label, as written, below it
    assert "500 × 10⁸ yuan" in cells[1].text and "亿元" not in cells[1].text  # the unit in English, not rescaled
    assert cells[3].text.startswith("Box 2 · table row 1 · document line")
    assert "1 地区生产总值（亿元）" in cells[3].text  # the quote stays as written
    cards = [c for c in driver.find_elements(By.CSS_SELECTOR, "article[data-finding]")
             if "[456.4, 477.9] × 10⁸ yuan" in c.text]  # the carried GDP range, as precise as 309.17 and 8.6
    assert cards and "10⁸ yuan" in cards[0].find_element(By.CSS_SELECTOR, "svg.chart").get_attribute("textContent")
    assert "456.372" not in cards[0].text and "亿元" not in cards[0].find_element(By.CSS_SELECTOR, "svg.chart").text
    driver.execute_script("arguments[0].scrollIntoView()", gdp)
    driver.save_screenshot(str(screens / "plan-zhongshan-en-targets.png"))
    with capsys.disabled():
        print(f"\nscreenshot: {screens / 'plan-zhongshan-en-targets.png'}")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A small synthetic country (benchmarks/gen_corpus.py --scale 0.1: three provinces, 113 plans)."""
    import subprocess
    import sys
    corpus = tmp_path_factory.mktemp("synthetic") / "corpus"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gen_corpus.py"), str(corpus), "--scale", "0.1"],
                   check=True, capture_output=True, timeout=300)
    folder = corpus.parent / "reports"
    return folder, run_check(folder, str(corpus), "--fail-on", "none")


def test_a_large_corpus_gets_a_summary_and_an_index_per_province_and_cluster(driver, synthetic, screens, capsys):
    from selenium.webdriver.common.by import By

    folder, data = synthetic
    visit = Visit(driver, folder / "index.html")
    visit.assert_clean("summary")
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert len(visible(driver, "tr[data-error]")) == len(errors) > 0
    parts = [a.get_attribute("href").rsplit("/", 1)[1] for a in driver.find_elements(By.CSS_SELECTOR, "tr[data-part] a")]
    provinces = [p for p in parts if p.startswith("index-province-")]
    assert len(provinces) == 3 and any(p.startswith("index-cluster-") for p in parts)
    screenshot(driver, screens, "summary-synthetic", capsys, max_height=1600)
    found = set()
    sizes = {}
    for name in parts:
        sizes[name] = (folder / name).stat().st_size
        assert sizes[name] < 1_000_000, name
        Visit(driver, folder / name).assert_clean(name)
        hrefs = {a.get_attribute("href").rsplit("#f-", 1)[1] for a in
                 driver.find_elements(By.CSS_SELECTOR, "tr[data-finding] td.msg a")}
        if name in provinces:
            assert not (hrefs & found), "each finding is on one province's page"
            found |= hrefs
        timing = driver.execute_script("var n = performance.getEntriesByType('navigation')[0]; return n.domContentLoadedEventEnd")
        sizes[name] = (sizes[name], round(timing))
    assert found == {f["fingerprint"] for f in data["findings"]}, "no finding lost"
    pages = sorted(folder.glob("plan-*.html"))
    assert len(pages) == data["plans"]
    with capsys.disabled():
        total = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
        print(f"\nsynthetic 0.1 report: {total} bytes, {len(pages)} plan pages, "
              f"{total // (len(pages) + len(parts) + 1)} bytes a page on average; "
              f"index pages (bytes, DOMContentLoaded ms): {sizes}")


# ---------------------------------------------------------------------------------------------- shared target data


def test_chips_and_graph_boxes_are_drawn_from_the_plans_data_files(driver, bundled, tmp_path_factory):
    """report.js draws every chip and box that the page refers to, with the text and link its plan's data
    file gives (tests/report_data.py reads them the same way); without scripts the counts and the findings
    with both values and sources stay."""
    from selenium.webdriver.common.by import By
    from checker.render.html_names import page_name
    from report_data import boxes, chips, store

    folder, data = bundled
    files = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if p.suffix in (".html", ".js")}
    plans = store(files)
    for name in ("plan-zhongshan-fyp14.html", "plan-liupanshui-urbanization-fyp14.html"):
        Visit(driver, folder / name).assert_clean(name)
        expected = chips(files[name], plans)
        drawn = driver.execute_script("""var out = {};
            document.querySelectorAll('table.targets tr[id]').forEach(function (row) {
              var cell = row.querySelector('td.links'); if (!cell) { return; }
              out[row.id] = Array.prototype.map.call(cell.querySelectorAll('a.chip'), function (a) {
                return {rel: a.querySelector('b').textContent, label: a.lastChild.textContent,
                        href: a.getAttribute('href'), title: a.title, state: a.className.replace('chip st-', '')}; });
            }); return out;""")
        assert drawn == expected and sum(map(len, drawn.values())) > 10, name
        dots = driver.execute_script("""return Array.prototype.map.call(
            document.querySelectorAll('table.targets tr[id] > td > .dot'), function (d) { return d.title; });""")
        assert dots and all(dots), "each target's state in words, as its dot's tooltip"
        shown = driver.execute_script("""return Array.prototype.map.call(document.querySelectorAll('svg.graph g.node'),
            function (g) { var a = g.parentNode.tagName.toLowerCase() === 'a' ? g.parentNode.getAttribute('href') : '';
              return [g.querySelector('title').textContent, a]; });""")
        assert shown == [[b["tooltip"], b["href"]] for b in boxes(files[name], plans)], name
    browser = make_driver(tmp_path_factory.mktemp("chromium-nojs-plan"), javascript=False)
    try:
        browser.get((folder / page_name("zhongshan-fyp14")).as_uri())
        assert not browser.find_elements(By.CSS_SELECTOR, "table.targets a.chip") and not browser.find_elements(By.CSS_SELECTOR, "svg.graph")
        cells = [c.text for c in visible(browser, "table.targets td.links")]
        assert any(re.fullmatch(r"(↑\d+ ?)?(↔\d+ ?)?(↓\d+)?", c) and c for c in cells), "link counts without scripts"
        mine = [f for f in data["findings"] if f["plan"] == "zhongshan-fyp14"]
        cards = visible(browser, "article[data-finding]")
        assert len(cards) == len(mine) and any(c.find_elements(By.CSS_SELECTOR, ".side .value") for c in cards)
        assert visible(browser, "[data-graph] .nojs") and visible(browser, "#targets .nojs")
    finally:
        browser.quit()
