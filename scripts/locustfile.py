"""The load test's users (`make loadtest`; run by scripts/loadtest.sh in its own venv).

A realistic weighted mix on the demo data set: channel managers browsing their pages and the
htmx partials those pages load, API clients with a token reading lists and details, and partner
users in the portal. Browser users sign in through the login form (CSRF token and all) when
they start; API clients get a token from the token endpoint. Every user uses the right
password: the sign-in lockout never triggers. `FloorUser` requests a trivial page only: the
floor every figure is compared with.

Signing in is slow on purpose (the password hash), so the measured window starts when every
user has signed in: the statistics are reset then, and the run stops LOADTEST_MEASURE_SECONDS
later. How long signing in took, and any sign-in that failed, go to LOADTEST_PHASE_FILE.
"""

import json
import os
import random
import re
import time

import gevent
from locust import FastHttpUser, between, constant, events, task

PASSWORD = os.environ.get("LOADTEST_PASSWORD", "demo")
MANAGERS = ["manager", "manager2", "manager3", "manager4"]
PORTAL_USERS = ["portal-a", "portal-b", "portal-a-member"]
PARTNER_TABS = [
    "overview", "relationships", "org-chart", "influence", "culture", "targets", "timeline",
    "audits", "plans", "deals", "program", "history",
]  # fmt: skip
HTMX = {"HX-Request": "true"}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
THINK = between(0.05, 0.3)  # a busy user clicking through; bounded by the user count
MEASURE_SECONDS = float(os.environ.get("LOADTEST_MEASURE_SECONDS", "60"))
PHASE_FILE = os.environ.get("LOADTEST_PHASE_FILE", "")
signed_in = {"users": 0}


def ready():
    """Called by each user when it has signed in (or needs no sign-in)."""
    signed_in["users"] += 1


@events.test_start.add_listener
def measure_after_sign_in(environment, **kwargs):
    def window():
        started = time.monotonic()
        while signed_in["users"] < environment.parsed_options.num_users:
            gevent.sleep(0.1)
        stats = environment.stats.total
        phase = {
            "sign_in_seconds": round(time.monotonic() - started, 1),
            "sign_in_requests": stats.num_requests,
            "sign_in_errors": stats.num_failures,
        }
        if PHASE_FILE:
            with open(PHASE_FILE, "w") as handle:
                json.dump(phase, handle)
        environment.stats.reset_all()
        gevent.sleep(MEASURE_SECONDS)
        environment.runner.quit()

    gevent.spawn(window)


class BrowserUser(FastHttpUser):
    abstract = True
    wait_time = THINK

    def sign_in(self, username):
        page = self.client.get("/accounts/login/", name="login form")
        token = CSRF.search(page.text).group(1)
        with self.client.post(
            "/accounts/login/",
            data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + "/accounts/login/"},
            name="sign in",
            catch_response=True,
        ) as response:
            if 'name="password"' in response.text:  # the form again: the sign-in failed
                response.failure(f"{username} could not sign in")


class ManagerUser(BrowserUser):
    """A channel manager: dashboard, partner list and pages, tabs, deal queue, portfolios."""

    weight = 5

    def on_start(self):
        self.sign_in(random.choice(MANAGERS))
        partners = self.client.get("/api/v1/partners/?ordering=name", name="api partners").json()
        self.slugs = [row["slug"] for row in partners["results"]]
        deals = self.client.get("/api/v1/deal-registrations/", name="api deals").json()
        self.deal_ids = [row["id"] for row in deals["results"]] or [0]
        ready()

    @task(3)
    def dashboard(self):
        self.client.get("/", name="dashboard")
        self.client.get("/program/dashboard/claims/", headers=HTMX, name="dashboard panel (htmx)")
        self.client.get(
            "/program/dashboard/enablement/", headers=HTMX, name="dashboard panel (htmx)"
        )

    @task(3)
    def partner_list(self):
        query = random.choice(
            ["", "?status=active", "?q=north", "?sort=-revenue", "?page=3", "?status=active&page=2"]
        )
        headers = HTMX if query.endswith("page=2") else {}
        self.client.get(f"/partners/{query}", headers=headers, name="partner list")

    @task(3)
    def partner_detail(self):
        self.client.get(f"/partners/{random.choice(self.slugs)}/", name="partner detail")

    @task(4)
    def partner_tab(self):
        slug, tab = random.choice(self.slugs), random.choice(PARTNER_TABS)
        self.client.get(f"/partners/{slug}/tab/{tab}/", headers=HTMX, name="partner tab (htmx)")
        if tab == "program":  # the tab loads its incentives region when shown
            self.client.get(
                f"/performance/partners/{slug}/incentive-roi/", headers=HTMX,
                name="partner incentives (htmx)",
            )  # fmt: skip

    @task(2)
    def deal_queue(self):
        self.client.get("/performance/deals/", name="deal queue")
        self.client.get(f"/performance/deals/{random.choice(self.deal_ids)}/", name="deal detail")

    @task(1)
    def portfolios(self):
        path = random.choice(
            ["/performance/targets/", "/performance/audits/", "/relationships/", "/program/claims/"]
        )
        self.client.get(path, name=f"portfolio {path}")


class ApiUser(FastHttpUser):
    """An integration: a token from the token endpoint, then lists and details."""

    weight = 2
    wait_time = THINK

    def on_start(self):
        username = random.choice(MANAGERS + PORTAL_USERS[:2])
        token = self.client.post(
            "/api/v1/auth/token/", json={"username": username, "password": PASSWORD},
            name="api token",
        ).json()["token"]  # fmt: skip
        self.headers = {"Authorization": f"Token {token}"}
        partners = self.client.get("/api/v1/partners/", headers=self.headers, name="api list")
        self.partner_ids = [row["id"] for row in partners.json()["results"]]
        ready()

    @task(4)
    def lists(self):
        resource = random.choice(
            ["partners", "deal-registrations", "targets", "incentive-claims", "business-plans",
             "certifications", "contacts"]
        )  # fmt: skip
        self.client.get(f"/api/v1/{resource}/", headers=self.headers, name="api list")

    @task(3)
    def partner(self):
        partner = random.choice(self.partner_ids)
        self.client.get(f"/api/v1/partners/{partner}/", headers=self.headers, name="api detail")
        self.client.get(
            f"/api/v1/targets/?partner={partner}", headers=self.headers, name="api list"
        )


class PortalUser(BrowserUser):
    """A partner user in the portal: home, deals, targets, plans, the program."""

    weight = 3

    def on_start(self):
        self.sign_in(random.choice(PORTAL_USERS))
        page = self.client.get("/portal/performance/deals/", name="portal deals")
        self.deal_paths = re.findall(r'href="(/portal/performance/deals/\d+/)"', page.text)
        ready()

    @task(3)
    def home(self):
        self.client.get("/portal/", name="portal home")

    @task(4)
    def pages(self):
        path = random.choice(
            ["/portal/performance/deals/", "/portal/performance/targets/",
             "/portal/performance/plans/", "/portal/performance/audits/", "/portal/program/tier/",
             "/portal/program/resources/", "/portal/program/claims/",
             "/portal/program/certifications/", "/portal/program/rules/"]
        )  # fmt: skip
        self.client.get(path, name=f"portal {path.removeprefix('/portal/')}")

    @task(1)
    def deal(self):
        if self.deal_paths:
            self.client.get(random.choice(self.deal_paths), name="portal deal detail")


class FloorUser(FastHttpUser):
    """The floor: a trivial page (database and broker ping, no session, no template)."""

    wait_time = constant(0)

    def on_start(self):
        ready()

    @task
    def healthz(self):
        self.client.get("/healthz", name="floor /healthz")
