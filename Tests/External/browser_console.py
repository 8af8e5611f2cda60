#!/usr/bin/env python3
"""Drives the shop's settings screens and the operator console in headless Chromium (selenium)
against the built `shopadmin` binary, reusing browser_admin.py's server start, JSON client and
step runner.

Starts `shopadmin serve --demo` (the Platinum demo shop with B2B and one waiting application),
then: the operator signs in to the console and sees the shops with customer counts; provisions a
Start shop there; the Start shop's merchant sees no credit limit on the list, a customer's page or
the features page, and no B2B screens; the operator switches B2B on in the console and the
merchant's admin shows the B2B queue at once, without a restart; an application from the Start
shop's storefront is approved there. In the demo shop: the waiting application is approved with an
ERP number; a group is created, given a customer, and its delete refused with the count; then the
stores, required fields, tags, customer prices ("why this price"), email log and settings pages,
and the console's migrations with progress. A screenshot of each page goes to the screenshot folder
(default .build/screenshots). Prints one line per step and `N passed, N failed`; exits non-zero on
any failure.
"""
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser_admin import DEMO_EMAIL, DEMO_PASSWORD, Run, call, start_server  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

FJORD_EMAIL = "owner@fjord.example.com"
FJORD_PASSWORD = "fjord-owner-2026"


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/shopadmin"
    shots = sys.argv[2] if len(sys.argv) > 2 else ".build/screenshots"
    os.makedirs(shots, exist_ok=True)
    data = tempfile.mkdtemp(prefix="shopadmin-console-")
    process, base, operator = start_server(binary, data)

    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1440,1000"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    run = Run(driver, base, shots)
    source = lambda: driver.page_source  # noqa: E731
    started = time.time()
    try:
        def console_sign_in():
            run.open("/operator/console")
            run.wait.until(EC.url_contains("/operator/console/sign-in"))
            run.fill("#token", "sa_op_wrong")
            run.click("#sign-in")
            assert "not valid" in run.find(".notice.error").text
            run.shot("console-sign-in")
            run.fill("#token", operator)
            run.click("#sign-in")
            row = run.find("tr[data-shop=demo]")
            assert row.find_element(By.CSS_SELECTOR, "[data-customers]").text == "120", row.text
            assert row.find_element(By.CSS_SELECTOR, "[data-tier]").text == "Platinum"
            assert "b2b" in row.find_element(By.CSS_SELECTOR, "[data-flags]").text
            run.shot("console-shops")

        def console_provision_start_shop():
            run.click("#new-shop")
            run.fill("#shop-slug", "fjord")
            run.fill("#shop-name", "Fjord Start Shop")
            Select(run.find("#shop-tier")).select_by_value("start")
            run.fill("#shop-ownerEmail", FJORD_EMAIL)
            run.fill("#shop-ownerPassword", FJORD_PASSWORD)
            run.shot("console-provision")
            run.click("#provision-shop")
            run.click("#provisioned-shop")
            assert run.find("#shop-tier").text == "Start"
            assert "b2b" not in run.find("#shop-modules").text
            assert "shop.created" in run.find("#shop-audit").text
            run.shot("console-shop")

        def start_shop_shows_no_credit_limit_or_b2b():
            run.sign_in("fjord", FJORD_EMAIL, FJORD_PASSWORD)
            status, body = call("POST", base + "/shops/fjord/api/sessions", {"email": FJORD_EMAIL, "password": FJORD_PASSWORD})
            assert status == 201, (status, body)
            status, body = call(
                "POST", base + "/shops/fjord/api/customers",
                {"firstName": "Sigrid", "lastName": "Fjell", "email": "sigrid@fjord.example.no"}, token=body["token"])
            assert status == 201, (status, body)
            for path in ["/customers", f"/customers/{body['customer']['id']}", "/features", "/settings"]:
                run.open("/shops/fjord/admin" + path)
                run.find("main h1")
                assert "Credit limit" not in source() and "creditLimit" not in source() and "credit-limit" not in source(), path
            assert not driver.find_elements(By.CSS_SELECTOR, "#settings-b2b-applications")
            run.shot("settings-start")
            run.open("/shops/fjord/admin/b2b-applications")
            assert "module the shop does not have" in run.find(".notice.error").text

        def operator_switches_b2b_on_without_restart():
            run.open("/operator/console/shops/fjord")
            run.click("#toggle-flags-b2b")
            run.wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#shop-modules"), "b2b"))
            run.shot("console-shop-b2b-on")
            # The merchant's admin, same server process: the B2B screens are there now.
            run.open("/shops/fjord/admin/settings")
            run.click("#settings-b2b-applications")
            assert run.find("#no-applications")
            status, body = call(
                "POST", base + "/shops/fjord/storefront/default/b2b/applications",
                {"companyName": "Vestland Bygg AS", "businessId": "2345678-0", "firstName": "Ola", "lastName": "Nordmann",
                 "email": "ola@vestlandbygg.example.no", "phone": "040 123 4567"})
            assert status == 201, (status, body)
            run.open("/shops/fjord/admin/b2b-applications")
            card = run.find("section[data-application]")
            assert "Vestland Bygg AS" in card.text
            card.find_element(By.CSS_SELECTOR, "input[name=erpCustomerNumber]").send_keys("ERP-7001")
            card.find_element(By.CSS_SELECTOR, "form[data-action=approve] button").click()
            assert run.find("#no-applications")
            run.sign_out()

        def demo_b2b_approval_in_the_queue():
            run.sign_in("demo", DEMO_EMAIL, DEMO_PASSWORD)
            run.open("/shops/demo/admin/b2b-applications")
            card = run.find("section[data-application]")
            assert "Lapin Puu Oy" in card.text, card.text
            run.shot("b2b-applications")
            # Approving without the ERP number is refused beside the field.
            card.find_element(By.CSS_SELECTOR, "form[data-action=approve] button").click()
            run.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "section[data-application]")))
            number = run.find("input[name=erpCustomerNumber]")
            driver.execute_script("arguments[0].removeAttribute('required')", number)
            run.click("form[data-action=approve] button")
            assert "erpCustomerNumber" in run.find("[data-error-for=erpCustomerNumber]").text
            run.fill("input[name=erpCustomerNumber]", "ERP-4711")
            run.click("form[data-action=approve] button")
            assert run.find("#no-applications")
            run.open("/shops/demo/admin/b2b-applications?status=approved")
            assert run.find("[data-status=approved]")
            run.shot("b2b-applications-approved")

        def platinum_shows_the_credit_limit():
            run.open("/shops/demo/admin/customers")
            assert "Credit limit" in run.find("table.customers thead").text
            run.open("/shops/demo/admin/features")
            assert "Credit limit" in run.find("#modules-on").text

        def group_create_and_delete_in_use():
            run.open("/shops/demo/admin/settings")
            run.shot("settings")
            run.click("#settings-groups")
            run.fill("#group-name", "Key accounts")
            run.click("#create-group")
            row = run.find("tr[data-group='Key accounts']")
            group = int(row.find_element(By.CSS_SELECTOR, "form").get_attribute("action").rsplit("/", 1)[1])
            status, body = call("POST", base + "/shops/demo/api/sessions", {"email": DEMO_EMAIL, "password": DEMO_PASSWORD})
            token = body["token"]
            status, body = call(
                "POST", base + "/shops/demo/api/customers",
                {"firstName": "Kalle", "lastName": "Avain", "email": "kalle.avain@example.fi", "phone": "040 765 4321",
                 "customFields": {"paymentReference": "KA-1"}, "groupIds": [group]}, token=token)
            assert status == 201, (status, body)
            run.open("/shops/demo/admin/groups")
            row = run.find("tr[data-group='Key accounts']")
            assert row.find_element(By.CSS_SELECTOR, "[data-customers]").text == "1"
            row.find_element(By.CSS_SELECTOR, "[data-action=delete]").click()
            error = run.find(f"[data-error-for=group-{group}]")
            assert "The group has customers: 1." in error.text, error.text
            run.shot("groups-delete-in-use")

        def settings_pages():
            run.open("/shops/demo/admin/stores")
            assert run.find("tr[data-store=fi]")
            run.shot("stores")
            run.click("tr[data-store=se] [data-action=edit]")
            assert run.find("#store-name").get_attribute("value") == "Website SE"
            run.shot("store-edit")
            run.open("/shops/demo/admin/required-fields?store=fi")
            assert run.find("[data-field=phone] input").is_selected()
            assert run.find("tr[data-custom-field=paymentReference]")
            run.fill("#cf-key", "sizeClass")
            run.fill("#cf-label", "Size class")
            Select(run.find("#cf-kind")).select_by_value("choice")
            run.click("#create-custom-field")
            # A choice field without choices: the API's error beside the field, the values kept.
            assert "choices" in run.find("[data-error-for=choices]").text
            assert run.find("#cf-label").get_attribute("value") == "Size class"
            run.fill("#cf-choices", "S\nM\nL")
            run.click("#create-custom-field")
            assert "choice" in run.find("tr[data-custom-field=sizeClass]").text
            run.shot("required-fields")
            run.open("/shops/demo/admin/tags")
            run.fill("#tag-name", "vip")
            run.click("#create-tag")
            assert run.find("tr[data-tag=vip]")
            run.shot("tags")
            # The prices screen finds the customer by a search, then explains a price.
            run.open("/shops/demo/admin/settings")
            run.click("#settings-prices")
            run.fill("#price-customer", "Sanna Lehtonen")
            run.find("#price-customer").submit()
            run.click("#price-customers a[href$='/customers/1/prices']")
            run.fill("#price-sku", "TOO-100")
            run.click("#explain")
            assert "customer's price for the product" in run.find("#price-why").text
            assert run.find("#explanation tr[data-outcome=won]")
            assert run.find("#price-rules tr[data-rule]")
            # A discount of this customer's own, made on the page.
            Select(run.find("#rule-kind")).select_by_value("discount")
            run.fill("#rule-sku", "TOO-100")
            run.fill("#rule-percentage", "15")
            run.fill("#rule-note", "Selenium discount")
            run.click("#create-rule")
            assert "Selenium discount" in run.find("#price-rules").text
            run.open("/shops/demo/admin/customers/1/prices?sku=TOO-100&quantity=2")
            run.find("#explanation")
            run.shot("customer-prices")
            # The B2B approval above emailed the applicant: the log lists it, its page shows the text.
            run.open("/shops/demo/admin/email-log")
            row = run.find("#email-log tbody tr")
            run.shot("email-log")
            row.find_element(By.CSS_SELECTOR, "td a[href*='/email-log/']").click()
            assert run.find("#email-text").text.strip()
            assert run.find("#attempts")
            run.shot("email")
            run.sign_out()

        def console_migrations_with_progress():
            run.open("/operator/console/migrations")
            run.click("#run-migrations")
            run.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#migration-runs [data-status=completed]")))
            assert run.find("#migration-runs [data-progress]").text == "2 / 2"
            run.shot("console-migrations")
            run.open("/operator/console")
            assert run.find("tr[data-shop=fjord] [data-flags]").text == "b2b"
            run.shot("console-shops-after")

        run.step("operator signs in to the console; shops with customer counts", console_sign_in)
        run.step("operator provisions a Start shop in the console", console_provision_start_shop)
        run.step("the Start shop shows no credit limit (list, customer, features) and no B2B", start_shop_shows_no_credit_limit_or_b2b)
        run.step("operator switches B2B on; the merchant's admin shows the queue without a restart", operator_switches_b2b_on_without_restart)
        run.step("B2B approval with the ERP number in the demo shop's queue", demo_b2b_approval_in_the_queue)
        run.step("the Platinum shop shows the credit limit", platinum_shows_the_credit_limit)
        run.step("group create; delete of a group in use shows the count", group_create_and_delete_in_use)
        run.step("stores, required fields, tags, customer prices, email log", settings_pages)
        run.step("operator runs migrations across shops with progress", console_migrations_with_progress)
    finally:
        driver.quit()
        process.terminate()
        process.wait(timeout=15)
    print(f"browser console: {run.passed} passed, {run.failed} failed in {time.time() - started:.0f} s; screenshots in {shots}")
    sys.exit(1 if run.failed else 0)


if __name__ == "__main__":
    main()
