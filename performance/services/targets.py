"""Writes of targets and actuals: propose, counter, accept (with the challenge check), record."""

import datetime
import logging
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from partners.models import Partner
from partners.selectors import membership_of, require_portal_contributor
from prm.lib.access import require_vendor_staff
from prm.lib.jobs import enqueue_on_commit

from .. import notifications
from ..models import (
    Actual,
    ActualSource,
    Metric,
    ProposalAction,
    ProposalSide,
    Target,
    TargetProposal,
    TargetStatus,
)

logger = logging.getLogger(__name__)

TOO_EASY_GROWTH = Decimal("0.05")
OUT_OF_REACH_GROWTH = Decimal("0.50")
MIN_PEERS = 3


@dataclass(frozen=True)
class Challenge:
    flag: str  # "ok", "too_easy", "out_of_reach", "no_history"
    reason: str
    growth: Decimal | None = None

    @property
    def label(self) -> str:
        return {
            "ok": "Challenging but realistic",
            "too_easy": "Too easy",
            "out_of_reach": "Likely out of reach",
            "no_history": "No history to compare",
        }[self.flag]


def side_for(*, actor, partner: Partner) -> str:
    """Which side of the negotiation the actor speaks for; PermissionDenied if neither."""
    if actor.is_vendor_staff:
        return ProposalSide.VENDOR
    membership = membership_of(user=actor) if actor.is_partner_user else None
    if membership and membership.partner_id == partner.pk:
        require_portal_contributor(membership)
    # Partner admins and members propose and answer targets for their partner (issue #14's roles).
    if membership and membership.partner_id == partner.pk and membership.can_contribute:
        return ProposalSide.PARTNER
    raise PermissionDenied("Only the channel team or the partner's admins and members negotiate "
                           "its targets.")  # fmt: skip


def _previous_periods(year: int, quarter: int | None, count: int) -> list[tuple[int, int | None]]:
    periods = []
    for _ in range(count):
        if quarter is None:
            year -= 1
        elif quarter == 1:
            year, quarter = year - 1, 4
        else:
            quarter -= 1
        periods.append((year, quarter))
    return periods


def _baseline(partner_id, metric, year, quarter) -> tuple[Decimal | None, str]:
    """Same period last year, else the average of the last four periods with actuals."""
    rows = Actual.objects.filter(partner_id=partner_id, metric=metric, year__gte=year - 5)
    actuals = {(a.year, a.quarter): a.value for a in rows}
    last_year = actuals.get((year - 1, quarter))
    label = f"{year - 1} Q{quarter}" if quarter else f"{year - 1}"
    if last_year:
        return last_year, f"{label} actual {last_year:,.0f}"
    recent = [actuals[p] for p in _previous_periods(year, quarter, 4) if p in actuals]
    if recent and sum(recent):
        average = sum(recent) / len(recent)
        return average, f"average of the last {len(recent)} periods ({average:,.0f})"
    return None, ""


def _peer_growth_p90(partner: Partner, metric, year, quarter) -> Decimal | None:
    """90th percentile of last year's growth among partners of the same tier."""
    if partner.tier_id is None:
        return None
    peer_actuals = Actual.objects.filter(
        metric=metric,
        quarter=quarter,
        year__in=[year - 1, year - 2],
        partner__tier_id=partner.tier_id,
    ).exclude(partner_id=partner.pk)
    by_partner: dict = {}
    for actual in peer_actuals:
        by_partner.setdefault(actual.partner_id, {})[actual.year] = actual.value
    growths = sorted(
        values[year - 1] / values[year - 2] - 1
        for values in by_partner.values()
        if values.get(year - 2) and year - 1 in values
    )
    if len(growths) < MIN_PEERS:
        return None
    return growths[min(len(growths) - 1, int(0.9 * len(growths)))]


def challenge_check(*, partner: Partner, metric: Metric, year: int, quarter, value) -> Challenge:
    """Growth asked against the partner's own history and the peers of its tier."""
    baseline, basis = _baseline(partner.pk, metric, year, quarter)
    if baseline is None:
        return Challenge("no_history", "No history to compare: no actuals for this metric yet.")
    growth = Decimal(value) / baseline - 1
    asked = f"{growth:+.0%} against {basis}"
    if growth < TOO_EASY_GROWTH:
        return Challenge("too_easy", f"Too easy: {asked}, below +5 %.", growth)
    if growth > OUT_OF_REACH_GROWTH:
        return Challenge("out_of_reach", f"Likely out of reach: {asked}, above +50 %.", growth)
    peer_p90 = _peer_growth_p90(partner, metric, year, quarter)
    if peer_p90 is not None and growth > peer_p90:
        return Challenge(
            "out_of_reach",
            f"Likely out of reach: {asked}, above the 90th percentile of its tier "
            f"({peer_p90:+.0%}).",
            growth,
        )
    return Challenge("ok", f"Challenging but realistic: {asked}.", growth)


def _validate_value(value) -> Decimal:
    if value is None or Decimal(value) < 0:
        raise ValidationError({"value": "Enter a value of zero or more."})
    return Decimal(value)


def _validate_period(year: int, quarter) -> None:
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": "Enter a year between 2000 and 2100."})
    if quarter is not None and not 1 <= int(quarter) <= 4:
        raise ValidationError({"quarter": "A quarter is 1 to 4, or empty for the whole year."})


def _record(*, target, actor, side, action, value, comment) -> TargetProposal:
    challenge = challenge_check(
        partner=target.partner, metric=target.metric, year=target.year,
        quarter=target.quarter, value=value,
    )  # fmt: skip
    proposal = TargetProposal.objects.create(
        target=target, side=side, proposed_by=actor, action=action, value=value,
        comment=comment, challenge_flag=challenge.flag, challenge_reason=challenge.reason,
    )  # fmt: skip
    notifications.target_proposal_made(target=target, proposal=proposal, actor=actor)
    return proposal


@transaction.atomic
def target_propose(
    *, actor, partner: Partner, metric: Metric, year: int, quarter, value, comment: str = ""
) -> Target:
    """Open a negotiation on a new target for a partner, period and metric."""
    side = side_for(actor=actor, partner=partner)
    _validate_period(year, quarter)
    value = _validate_value(value)
    if Target.objects.filter(partner=partner, metric=metric, year=year, quarter=quarter).exists():
        raise ValidationError(
            {"metric": "This metric already has a target for that period: counter or accept it."}
        )
    target = Target.objects.create(partner=partner, metric=metric, year=year, quarter=quarter)
    _record(target=target, actor=actor, side=side, action=ProposalAction.PROPOSE,
            value=value, comment=comment)  # fmt: skip
    return target


def _latest(target: Target) -> TargetProposal:
    return target.proposals.order_by("-created_at", "-pk").first()


def _lock(target: Target) -> Target:
    return Target.objects.select_for_update().select_related("partner", "metric").get(pk=target.pk)


def _require_turn(target: Target, side: str) -> TargetProposal:
    if target.status == TargetStatus.AGREED:
        raise ValidationError("This target is already agreed.")
    latest = _latest(target)
    if latest.side == side:
        raise ValidationError("Waiting for the other side: they counter or accept your proposal.")
    return latest


@transaction.atomic
def target_counter(*, actor, target: Target, value, comment: str = "") -> TargetProposal:
    side = side_for(actor=actor, partner=target.partner)
    target = _lock(target)
    value = _validate_value(value)
    _require_turn(target, side)
    return _record(target=target, actor=actor, side=side, action=ProposalAction.COUNTER,
                   value=value, comment=comment)  # fmt: skip


@transaction.atomic
def target_accept(*, actor, target: Target, comment: str = "") -> Target:
    """The other side accepts the latest proposal: the target is agreed at its value."""
    side = side_for(actor=actor, partner=target.partner)
    target = _lock(target)
    latest = _require_turn(target, side)
    _record(target=target, actor=actor, side=side, action=ProposalAction.ACCEPT,
            value=latest.value, comment=comment)  # fmt: skip
    target.agreed_value, target.status = latest.value, TargetStatus.AGREED
    target.save(update_fields=["agreed_value", "status", "updated_at"])
    return target


def actual_record(
    *, actor, partner: Partner, metric: Metric, year: int, quarter, value,
    source: str = ActualSource.ENTERED,
) -> Actual:  # fmt: skip
    """Staff enter (or overwrite) the actual of a partner, period and metric."""
    require_vendor_staff(actor, "Only the channel team records actuals.")
    _validate_period(year, quarter)
    value = _validate_value(value)
    actual, _ = Actual.objects.update_or_create(
        partner=partner, metric=metric, year=year, quarter=quarter,
        defaults={"value": value, "source": source},
    )  # fmt: skip
    return actual


def attainment(*, agreed_value, actual_value) -> Decimal | None:
    """Actual / agreed target as a percentage; None when there is nothing agreed to measure."""
    if agreed_value is None or not agreed_value:
        return None
    return (Decimal(actual_value or 0) / agreed_value * 100).quantize(Decimal("0.1"))


def actuals_import_create(*, actor, filename: str, content: bytes):
    """Store an upload and enqueue its import; the page polls the record for progress."""
    from ..models import ActualsImport

    require_vendor_staff(actor, "Only the channel team imports actuals.")
    upload = ActualsImport.objects.create(uploaded_by=actor, filename=filename, content=content)
    _enqueue_import(upload.pk)
    return upload


def actuals_import_retry(*, actor, upload):
    """Run again an import whose job failed (queue down, unexpected error) with the same file."""
    from ..models import ActualsImport

    require_vendor_staff(actor, "Only the channel team imports actuals.")
    if not upload.job_failure:
        raise ValidationError("Only an import that failed to run can be tried again.")
    ActualsImport.objects.filter(pk=upload.pk).update(
        status=ActualsImport.Status.PENDING, errors=[], processed_rows=0, written_rows=0
    )
    _enqueue_import(upload.pk)
    upload.refresh_from_db()
    return upload


def _enqueue_import(import_id: int) -> None:
    from ..tasks import run_actuals_import

    enqueue_on_commit(
        run_actuals_import,
        import_id,
        on_error=lambda reason: actuals_import_fail(import_id=import_id, reason=reason),
    )


def actuals_import_fail(*, import_id: int, reason: str) -> None:
    """The job could not run or stopped on an error: failed, nothing imported, reason shown."""
    from ..models import ActualsImport

    ActualsImport.objects.filter(pk=import_id).update(
        status=ActualsImport.Status.FAILED,
        written_rows=0,
        errors=[{"row": None, "column": "", "message": reason, "job": True}],
        updated_at=timezone.now(),
    )


def actuals_import_run(*, import_id: int) -> None:
    """Run a stored upload: progress saved every 50 rows, then the report.

    Safe to run twice (Celery redelivers a task whose worker died): a finished import is left
    alone, and the rows and "done" are committed together. Any unexpected error marks the
    import failed with the reason, never leaves it "running".
    """
    from ..models import ActualsImport

    upload = ActualsImport.objects.get(pk=import_id)
    if upload.is_finished:
        return
    try:
        _run_import(upload)
    except Exception as error:
        logger.exception("Actuals import %s failed", import_id)
        actuals_import_fail(
            import_id=import_id,
            reason=f"The import stopped on an unexpected error ({type(error).__name__}); "
            "nothing was imported. Try again; if it fails again, tell an administrator.",
        )


def _run_import(upload) -> None:
    from ..imports import import_actuals
    from ..models import ActualsImport

    import_id = upload.pk
    ActualsImport.objects.filter(pk=import_id).update(
        status=ActualsImport.Status.RUNNING, updated_at=timezone.now()
    )

    def progress(done: int, total: int) -> None:
        if done % 50 == 0 or done == total:
            ActualsImport.objects.filter(pk=import_id).update(processed_rows=done, total_rows=total)

    def finish(report) -> None:
        ActualsImport.objects.filter(pk=import_id).update(
            status=ActualsImport.Status.DONE if report.ok else ActualsImport.Status.FAILED,
            errors=[_storable(error.as_dict()) for error in report.errors],
            written_rows=report.written,
            updated_at=timezone.now(),
        )

    report = import_actuals(bytes(upload.content), progress, on_written=finish)
    if not report.committed:
        finish(report)  # rejected (or nothing written): the report, outside any transaction


def _storable(error: dict) -> dict:
    """PostgreSQL's JSON cannot hold a NUL character, and a report need not repeat 128 KB."""
    message = error["message"].replace("\x00", "\\0")
    return {**error, "message": message if len(message) <= 500 else message[:500] + "…"}


# --- Actuals from won deals ---------------------------------------------------------------


def _quarter_bounds(year: int, quarter: int):
    start = datetime.datetime(year, 3 * quarter - 2, 1, tzinfo=datetime.UTC)
    end = (
        datetime.datetime(year + 1, 1, 1, tzinfo=datetime.UTC)
        if quarter == 4
        else datetime.datetime(year, 3 * quarter + 1, 1, tzinfo=datetime.UTC)
    )
    return start, end


@transaction.atomic
def actuals_derive_from_won_deals(*, actor, year: int, quarter: int) -> dict:
    """Won deals feed actuals: per partner, the value of deals won in the quarter (revenue, in
    the metric's currency) and the number of deals registered in it (registered deals).

    An actual entered by staff or imported for the same partner, period and metric takes
    precedence and is left alone; deals in another currency than the metric's are not summed.
    Running it again for the same quarter rewrites the same values.
    """
    from ..models.deals import DealRegistration, DealStatus

    require_vendor_staff(actor, "Only the channel team derives actuals.")
    _validate_period(year, quarter)
    if quarter is None:
        raise ValidationError({"quarter": "Derive actuals one quarter at a time."})
    start, end = _quarter_bounds(int(year), int(quarter))
    summary = {"written": 0, "kept_entered_or_imported": 0, "other_currency_deals": 0}
    revenue = Metric.objects.filter(key="revenue").first()
    registered = Metric.objects.filter(key="registered-deals").first()
    won = DealRegistration.objects.filter(
        status=DealStatus.WON, closed_at__gte=start, closed_at__lt=end
    )
    per_metric = {}
    if revenue is not None:
        in_currency = won.filter(currency=revenue.unit)
        summary["other_currency_deals"] = won.exclude(currency=revenue.unit).count()
        per_metric[revenue] = dict(
            in_currency.values("partner_id")
            .annotate(total=Sum("value"))
            .values_list("partner_id", "total")
        )
    if registered is not None:
        per_metric[registered] = dict(
            DealRegistration.objects.filter(created_at__gte=start, created_at__lt=end)
            .values("partner_id")
            .annotate(total=Count("pk"))
            .values_list("partner_id", "total")
        )
    for metric, totals in per_metric.items():
        kept = set(
            Actual.objects.filter(metric=metric, year=year, quarter=quarter)
            .exclude(source=ActualSource.DEALS)
            .values_list("partner_id", flat=True)
        )
        for partner_id, total in totals.items():
            if partner_id in kept:
                summary["kept_entered_or_imported"] += 1
                continue
            Actual.objects.update_or_create(
                partner_id=partner_id, metric=metric, year=year, quarter=quarter,
                defaults={"value": Decimal(total), "source": ActualSource.DEALS},
            )  # fmt: skip
            summary["written"] += 1
    return summary
