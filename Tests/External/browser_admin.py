#!/usr/bin/env python3
"""Drives the merchant's admin in headless Chromium (selenium, Debian's chromium and
chromium-driver) against the built `shopadmin` binary.

Starts `shopadmin serve --demo` on a free loopback port with a fresh data directory, provisions
a Start shop beside the Platinum demo shop through the operator API, and walks the admin as a
merchant would: sign in; create a customer with validation errors first (each beside its
field: a bad email, the store's required phone and payment reference; the values kept) and then
fixed; find the customer by search; block them with a reason
and see the reason on a storefront sign-in attempt (the storefront is a JSON API, called with
urllib); tag the customer in bulk (confirmation first) and see the tag on the list; export the
searched list as CSV (downloaded by the browser) and find the customer in it; the customer
page's email log, module panels and actions (password link, GDPR export, copy, erase of the
copy, sign in as the blocked customer refused); disable in bulk and follow the job to
done; import a CSV with a dry run (problems as a table), then run it and see the job reach
done; the features page of the Platinum shop and of the Start shop. A screenshot of each main
page is written to the screenshot folder (default .build/screenshots). Prints one line per step
and `N passed, N failed`; exits non-zero on any failure.
"""
import email
import email.policy
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

DEMO_EMAIL = "owner@demo.shopadmin.test"
DEMO_PASSWORD = "demo-owner-2026"
START_EMAIL = "owner@corner.example.com"
START_PASSWORD = "corner-owner-2026"
# A demo store that requires nothing beyond the core's fields (Website FI requires a phone and a payment reference).
IMPORT_STORE = "se"


def start_server(binary, data):
    env = dict(os.environ, SHOPADMIN_PASSWORD_ITERATIONS="1000")
    log = open(os.path.join(data, "server.log"), "w+")
    process = subprocess.Popen([binary, "serve", "--demo", "--port", "0", "--data-dir", data], stdout=log, stderr=log, env=env)
    for _ in range(600):
        log.seek(0)
        text = log.read()
        match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", text)
        token = re.search(r"operator token \(shown once, stored hashed\): (\S+)", text)
        if match and token:
            return process, match.group(1), token.group(1)
        if process.poll() is not None:
            break
        time.sleep(0.1)
    process.kill()
    sys.exit("the server did not start:\n" + text)


def call(method, url, body=None, token=None):
    """A JSON request; returns (status, decoded body)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, json.loads(raw) if raw else None


def downloaded(folder, suffix, deadline=20):
    """The text of the first finished download ending in `suffix`; the file is removed."""
    end = time.time() + deadline
    while time.time() < end:
        for name in os.listdir(folder):
            if name.endswith(suffix):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8-sig") as handle:
                    text = handle.read()
                os.remove(path)
                return text
        time.sleep(0.2)
    raise AssertionError("no download ending in " + suffix)


def reset_token(maildir, address, deadline=20):
    """The single-use link token of the newest email to `address` in the shop's maildir."""
    end = time.time() + deadline
    while time.time() < end:
        folder = os.path.join(maildir, "new")
        for name in sorted(os.listdir(folder) if os.path.isdir(folder) else [], reverse=True):
            with open(os.path.join(folder, name), "rb") as handle:
                message = email.message_from_binary_file(handle, policy=email.policy.default)
            if address not in str(message["To"]):
                continue
            text = message.get_body(preferencelist=("plain",)).get_content()
            match = re.search(r"token=([A-Za-z0-9_\-]+)", text)
            if match:
                return match.group(1)
        time.sleep(0.3)
    raise AssertionError("no email with a link reached " + address)


# Whether clicking the element loads another page: a link elsewhere, or a submit button of a
# form the browser's own validation lets through.
NAVIGATES = """
const element = arguments[0];
if (element.tagName === "A") {
  const href = element.getAttribute("href") || "";
  return href !== "" && !href.startsWith("#") && !element.hasAttribute("download");
}
const type = (element.getAttribute("type") || (element.tagName === "BUTTON" ? "submit" : "")).toLowerCase();
if (type !== "submit" || !element.form) { return false; }
return element.formNoValidate || element.form.noValidate || element.form.checkValidity();
"""


class Run:
    def __init__(self, driver, base, shots):
        self.driver = driver
        self.base = base
        self.shots = shots
        # A page replaced while an element is read is looked up again, not a failure.
        self.wait = WebDriverWait(driver, 15, ignored_exceptions=[StaleElementReferenceException])
        self.passed = 0
        self.failed = 0

    def step(self, name, function):
        started = time.time()
        try:
            function()
            self.passed += 1
            print(f"  ok    {name} ({time.time() - started:.1f} s)")
        except Exception:
            self.failed += 1
            print(f"  FAIL  {name}")
            traceback.print_exc()
            self.shot("failure-" + re.sub(r"[^a-z0-9]+", "-", name.lower()))

    def shot(self, name):
        self.driver.save_screenshot(os.path.join(self.shots, name + ".png"))

    def open(self, path):
        self.driver.get(self.base + path)

    def find(self, css):
        return self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))

    def fill(self, css, text):
        element = self.find(css)
        element.clear()
        element.send_keys(text)

    def click(self, css, download=False):
        """Clicks; where that submits a form or follows a link, waits for the next page, so what
        is looked up next is never the old page's element (stale, or the old text). A click
        that `download`s a file leaves the page as it is."""
        element = self.wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, css)))
        navigates = not download and self.driver.execute_script(NAVIGATES, element)
        page = self.driver.find_element(By.TAG_NAME, "html") if navigates else None
        element.click()
        if page is not None:
            self.wait.until(EC.staleness_of(page))

    def sign_in(self, shop, address, password):
        self.open(f"/shops/{shop}/admin/sign-in")
        self.fill("#email", address)
        self.fill("#password", password)
        self.click("#sign-in")
        self.wait.until(EC.url_contains(f"/shops/{shop}/admin/customers"))
        self.find("table.customers")

    def wait_job_done(self):
        """On a job's page (it refreshes itself), until the job has finished; its status."""
        self.wait.until(EC.url_matches(r"/jobs/\d+$"))
        status = WebDriverWait(self.driver, 60, ignored_exceptions=[StaleElementReferenceException]).until(
            lambda d: (lambda s: s if s != "running" else False)(
                d.find_element(By.CSS_SELECTOR, "#job-status [data-status]").get_attribute("data-status")))
        return status

    def bulk(self, customer_id, action, tags=None):
        """Ticks one row of the list shown, applies `action`, and confirms."""
        self.click(f"input[name='customer.{customer_id}']")
        Select(self.find("#bulk-action")).select_by_value(action)
        if tags is not None:
            self.fill("#bulk-tags", tags)
        self.click("#bulk-apply")
        assert self.find("#confirm-count").text.startswith("1 "), self.find("#confirm-count").text

    def sign_out(self):
        self.click("header.top form button")
        self.wait.until(EC.url_contains("/sign-in"))


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/shopadmin"
    shots = sys.argv[2] if len(sys.argv) > 2 else ".build/screenshots"
    os.makedirs(shots, exist_ok=True)
    data = tempfile.mkdtemp(prefix="shopadmin-browser-")
    process, base, operator = start_server(binary, data)
    status, body = call(
        "POST", base + "/operator/shops",
        {"slug": "corner", "name": "Corner Shop", "tier": "start", "ownerEmail": START_EMAIL, "ownerPassword": START_PASSWORD},
        token=operator)
    assert status == 201, (status, body)

    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1440,1000"]:
        options.add_argument(argument)
    downloads = tempfile.mkdtemp(prefix="shopadmin-downloads-")
    options.add_experimental_option(
        "prefs", {"download.default_directory": downloads, "download.prompt_for_download": False, "safebrowsing.enabled": True})
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    run = Run(driver, base, shots)
    suffix = str(int(time.time() * 1000) % 1000000)
    customer = {"first": "Aino", "last": "Selenium" + suffix, "email": f"aino.selenium{suffix}@example.fi", "id": None}
    reason = "Unpaid invoices since May"
    password = "aino-password-2026"
    started = time.time()
    try:
        def sign_in():
            run.sign_in("demo", DEMO_EMAIL, DEMO_PASSWORD)
            assert int(run.find("#total").text) >= 120
            run.shot("customers")

        def create_with_error_then_fix():
            run.click("#new-customer")
            # Website FI, the first store: the demo requires a phone and a payment reference there.
            assert Select(run.find("#storeId")).first_selected_option.text == "Website FI"
            assert run.find("label[for=phone] .required")
            assert run.find("label[for='customFields.paymentReference'] .required")
            run.fill("#firstName", customer["first"])
            run.fill("#lastName", customer["last"])
            run.fill("#email", "not-an-email")
            run.click("#newsletter")
            run.click("#save")
            error = run.find("#email-error")
            assert "email" in error.text.lower(), error.text
            assert run.find("#form-errors").is_displayed()
            # The values typed are kept, the field at fault is marked.
            assert run.find("#firstName").get_attribute("value") == customer["first"]
            assert run.find("#lastName").get_attribute("value") == customer["last"]
            assert run.find("#email").get_attribute("value") == "not-an-email"
            assert run.find("#newsletter").is_selected()
            assert "invalid" in run.find("#email").find_element(By.XPATH, "..").get_attribute("class")
            run.shot("customer-form-error")
            run.fill("#email", customer["email"])
            run.click("#save")
            # A valid email: now the store's required fields, each beside its field.
            assert "phone" in run.find("#phone-error").text
            assert run.find("[id='customFields.paymentReference-error']")
            assert run.find("#email").get_attribute("value") == customer["email"]
            assert run.find("#lastName").get_attribute("value") == customer["last"]
            run.shot("customer-form-required")
            run.fill("#phone", "040 123 4567")
            run.fill("[name='customFields.paymentReference']", "REF-" + suffix)
            run.click("#save")
            run.wait.until(EC.url_matches(r"/customers/\d+$"))
            customer["id"] = int(driver.current_url.rsplit("/", 1)[1])
            assert customer["last"] in run.find("h1").text
            assert run.find("[data-field=newsletter]").text == "Yes"
            assert run.find("[data-field=phone]").text == "+358401234567"

        def find_by_search():
            run.open("/shops/demo/admin/customers")
            run.fill("#q", customer["last"].lower())
            run.find("#q").submit()
            # The results page, not the list it replaces: its URL has the search, its total is 1.
            run.wait.until(lambda d: "q=" in d.current_url and d.find_element(By.CSS_SELECTOR, "#total").text == "1")
            row = run.find(f"tr[data-customer-id='{customer['id']}']")
            assert customer["email"] in row.text, row.text
            run.shot("customers-search")

        def block_and_see_the_reason_on_the_storefront():
            # The customer sets a password through the storefront's reset link first.
            store = base + "/shops/demo/storefront/fi"
            status, _ = call("POST", store + "/password-reset", {"email": customer["email"]})
            assert status in (200, 202, 204), status
            token = reset_token(os.path.join(data, "demo", "maildir"), customer["email"])
            status, body = call("POST", store + "/password-reset/complete", {"token": token, "password": password})
            assert status in (200, 201, 204), (status, body)
            status, body = call("POST", store + "/sessions", {"email": customer["email"], "password": password})
            assert status == 201, (status, body)

            run.open(f"/shops/demo/admin/customers/{customer['id']}")
            run.fill("#block-reason", reason)
            run.click("#block")
            run.wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#status"), reason))
            assert run.find("#unblock")
            run.shot("customer")
            status, body = call("POST", store + "/sessions", {"email": customer["email"], "password": password})
            assert status == 403, (status, body)
            assert body["error"]["code"] == "account_blocked", body
            assert reason in body["error"]["message"], body

        def search_list():
            run.open("/shops/demo/admin/customers?q=" + customer["last"].lower())
            run.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#total").text == "1")

        def bulk_tag():
            search_list()
            # The script's "select all on this page" ticks and unticks every row.
            row_box = run.find(f"input[name='customer.{customer['id']}']")
            run.click("#select-page")
            assert row_box.is_selected()
            run.click("#select-page")
            assert not row_box.is_selected()
            run.bulk(customer["id"], "add-tags", tags="selenium-vip")
            run.shot("bulk-confirm")
            run.click("#bulk-confirm")
            assert "Tags changed on 1 customers" in run.find("#notice").text
            row = run.find(f"tr[data-customer-id='{customer['id']}']")
            assert "selenium-vip" in row.text, row.text
            assert run.find("th[data-module-column=tags]")
            run.shot("customers-tagged")

        def export_csv():
            search_list()
            run.click("#export")
            assert "1 customers" in run.find("#export-scope").text
            for field in ["customerNumber", "email", "lastName"]:
                run.click(f"#field-{field}")
            run.shot("export")
            run.click("#download", download=True)
            text = downloaded(downloads, ".csv")
            lines = text.splitlines()
            assert lines[0] == "customerNumber,email,lastName", lines[0]
            assert len(lines) == 2 and customer["email"] in lines[1] and customer["last"] in lines[1], lines

        def export_ticked_rows():
            # Two rows ticked on the full list: the file holds those two customers only.
            run.open("/shops/demo/admin/customers?sort=id")
            rows = run.driver.find_elements(By.CSS_SELECTOR, "table.customers tbody tr[data-customer-id]")[:2]
            ids = [row.get_attribute("data-customer-id") for row in rows]
            # Each row links its id and its email to the customer's page.
            emails = [row.find_elements(By.CSS_SELECTOR, "td a")[1].text for row in rows]
            for customer_id in ids:
                run.click(f"input[name='customer.{customer_id}']")
            Select(run.find("#bulk-action")).select_by_value("export")
            run.click("#bulk-apply")
            assert "2 customers ticked" in run.find("#export-scope").text, run.find("#export-scope").text
            run.click("#field-email")
            run.shot("export-ticked")
            run.click("#download", download=True)
            lines = downloaded(downloads, ".csv").splitlines()
            assert lines[0] == "email", lines[0]
            assert sorted(lines[1:]) == sorted(emails), (lines, emails)

        def customer_page_sections_and_actions():
            run.open(f"/shops/demo/admin/customers/{customer['id']}")
            assert run.find("#module-credit-limit") and run.find("#module-account-balance")
            assert "selenium-vip" in run.find("#module-tags").text
            assert run.find("#emails")
            run.click("#send-password-link")
            assert "set-password link was emailed" in run.find("#notice").text
            assert customer["email"] in run.find("#email-log").text
            run.shot("customer-sections")
            # Signing in as a blocked customer is refused with the reason, beside the page.
            run.click("#impersonate")
            assert reason in run.find(".notice.error").text, run.find(".notice.error").text
            run.click("#gdpr-export")
            export = json.loads(downloaded(downloads, "-gdpr.json"))
            assert customer["email"] in json.dumps(export)
            # Copy, then erase the copy (the original goes on to be blocked).
            run.open(f"/shops/demo/admin/customers/{customer['id']}")
            run.click("#copy-action summary")
            run.fill("#copy-email", "copy." + customer["email"])
            run.fill("#copy-phone", "040 765 4321")
            run.click("#copy")
            run.wait.until(lambda d: re.search(r"/customers/(\d+)$", d.current_url) and not d.current_url.endswith(f"/{customer['id']}"))
            number = run.find("[data-field=customerNumber]").text
            assert run.find("[data-field=email]").text == "copy." + customer["email"]
            run.click("#erase-action summary")
            run.fill("#erase-confirm", number)
            run.click("#erase")
            assert "erased" in run.find("#notice").text
            run.shot("customer-erased")

        def company_panel_and_prices_link():
            # A person of one of the demo shop's B2B companies, found through the API.
            status, session = call("POST", base + "/shops/demo/api/sessions", {"email": DEMO_EMAIL, "password": DEMO_PASSWORD})
            assert status == 201 or status == 200, (status, session)
            status, listed = call("GET", base + "/shops/demo/api/companies", token=session["token"])
            assert status == 200 and listed["companies"], (status, listed)
            company = listed["companies"][0]
            status, full = call("GET", base + f"/shops/demo/api/companies/{company['id']}", token=session["token"])
            person = full["company"]["people"][0]
            run.open(f"/shops/demo/admin/customers/{person['customerId']}")
            panel = run.find("#module-b2b")
            assert company["name"] in run.find("#company-name").text, panel.text
            assert run.find("#company-people").text.count("\n") + 1 == len(full["company"]["people"]), panel.text
            assert run.find("#orders-section") and run.find("#cart-section") and run.find("#drafts-section")
            driver.execute_script("arguments[0].scrollIntoView()", panel)
            run.shot("customer-company")
            run.click("#prices")
            run.wait.until(lambda d: d.current_url.endswith(f"/customers/{person['customerId']}/prices"))
            assert run.find("#explain")
            call("DELETE", base + "/shops/demo/api/sessions/current", token=session["token"])

        def bulk_disable_job():
            search_list()
            run.bulk(customer["id"], "disable")
            run.click("#bulk-confirm")
            assert run.wait_job_done() == "done"
            assert run.find("#job-counts").text == "1 / 1"
            run.shot("job")
            run.click("#nav-jobs")
            assert "customer-mass-action" in run.find("table.jobs").text
            run.shot("jobs")
            run.open(f"/shops/demo/admin/customers/{customer['id']}")
            assert run.find("[data-field=enabled]").text == "No"

        def bulk_enable_all_matching():
            # "All matching" of a search and the status filter: the API selects them itself.
            run.open("/shops/demo/admin/customers?status=disabled&q=" + customer["last"].lower())
            run.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#total").text == "1")
            run.click("#all-matching")
            Select(run.find("#bulk-action")).select_by_value("enable")
            run.click("#bulk-apply")
            assert run.find("#confirm-count").text.startswith("1 "), run.find("#confirm-count").text
            run.click("#bulk-confirm")
            assert run.wait_job_done() == "done"
            assert run.find("#job-counts").text == "1 / 1"
            run.open(f"/shops/demo/admin/customers/{customer['id']}")
            assert run.find("[data-field=enabled]").text == "Yes"

        def import_dry_run_then_run():
            folder = tempfile.mkdtemp(prefix="shopadmin-import-")
            bad = os.path.join(folder, "bad.csv")
            good = os.path.join(folder, "good.csv")
            header = "firstName,lastName,email,phone,store\n"
            with open(bad, "w") as handle:
                handle.write(header + f"Imre,Import{suffix},imre{suffix}@example.se,+46701234567,{IMPORT_STORE}\n"
                             + f"Ivar,Import{suffix},not-an-email,+46701234568,{IMPORT_STORE}\n")
            with open(good, "w") as handle:
                handle.write(header + f"Imre,Import{suffix},imre{suffix}@example.se,+46701234567,{IMPORT_STORE}\n"
                             + f"Ivar,Import{suffix},ivar{suffix}@example.se,+46701234568,{IMPORT_STORE}\n")
            run.click("#nav-imports")
            run.find("#import-file").send_keys(bad)
            run.click("#import-dry-run")
            assert run.find("#report-failed").text == "1"
            problem = run.find("#problems tbody tr").text
            assert problem.startswith("3") and "email" in problem, problem
            run.shot("import-dry-run")
            run.find("#import-file").send_keys(good)
            run.click("#import-dry-run")
            assert run.find("#no-problems") and run.find("#report-created").text == "2"
            run.click("#import-run-checked")
            assert run.wait_job_done() == "done"
            assert run.find("[data-result=created]").text == "2"
            run.shot("import-job")
            run.open("/shops/demo/admin/customers?q=import" + suffix)
            assert run.find("#total").text == "2"

        def features_platinum():
            run.open("/shops/demo/admin/features")
            assert run.find("#tier").text == "Platinum"
            assert "Credit limit" in run.find("#modules-on").text
            run.shot("features-platinum")
            run.open("/shops/demo/admin/customers")
            assert "Credit limit" in run.find("table.customers thead").text
            run.sign_out()

        def features_start():
            run.sign_in("corner", START_EMAIL, START_PASSWORD)
            assert "Credit limit" not in driver.page_source
            run.shot("customers-start")
            run.open("/shops/corner/admin/features")
            assert run.find("#tier").text == "Start"
            assert "Credit limit" not in driver.page_source and "credit-limit" not in driver.page_source
            assert run.find("[data-tier=platinum]")
            run.shot("features-start")
            run.sign_out()

        run.step("sign in to the demo shop's admin", sign_in)
        run.step("create a customer: a validation error beside the field, values kept, then fixed", create_with_error_then_fix)
        run.step("find the customer by search", find_by_search)
        run.step("block with a reason; the storefront sign-in shows it", block_and_see_the_reason_on_the_storefront)
        run.step("tag the customer in bulk and see the tag on the list", bulk_tag)
        run.step("export the searched list as CSV with chosen fields", export_csv)
        run.step("export the ticked rows only (the bulk action)", export_ticked_rows)
        run.step("the customer page's sections and actions", customer_page_sections_and_actions)
        run.step("a company person's page: the B2B company panel, orders, cart, drafts, the prices link", company_panel_and_prices_link)
        run.step("disable in bulk: the job's page reaches done", bulk_disable_job)
        run.step("enable all matching a search and a filter in bulk (the API's own selection)", bulk_enable_all_matching)
        run.step("import a CSV: dry run report, then run as a job to done", import_dry_run_then_run)
        run.step("features and list of a Platinum shop show the credit limit", features_platinum)
        run.step("a Start shop shows no credit limit anywhere", features_start)
    finally:
        driver.quit()
        process.terminate()
        process.wait(timeout=15)
    print(f"browser admin: {run.passed} passed, {run.failed} failed in {time.time() - started:.0f} s; screenshots in {shots}")
    sys.exit(1 if run.failed else 0)


if __name__ == "__main__":
    main()
