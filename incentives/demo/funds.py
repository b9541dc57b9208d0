"""Demo market development funds: an MDF pool open to every tier, fund requests from the portal
users' partners in every status (and from a few other partners), claims against the approved
ones with small proof files generated here (a PDF, a PNG, a CSV), the budget ledgers kept as
the services keep them.

Deterministic; a second run adds nothing (it stops if any fund request exists).
"""

import datetime
import struct
import zlib
from decimal import Decimal
from random import Random

from django.core.files.base import ContentFile
from django.db.models import F
from django.utils import timezone

from partners import selectors as partner_selectors

from ..models import (
    ClaimStatus,
    FundRequest,
    FundRequestStatus,
    IncentiveClaim,
    IncentiveProgram,
    ProgramKind,
    ProofOfPerformance,
)

POOL = "Open MDF pool"
ACTIVITIES = [
    ("Joint webinar series", "240 registrations, 30 qualified leads."),
    ("Trade-show booth, co-branded", "400 badge scans, 15 meetings booked."),
    ("Customer roadshow in three cities", "90 attendees, 10 opportunities."),
    ("Email nurture campaign", "5,000 contacts reached, 2% replies."),
    ("Partner-hosted hackathon", "60 developers, 4 pilot projects."),
]
REJECTIONS = [
    "The event falls outside our focus segments this year.",
    "Please split the request by activity and send the agenda.",
]


def tiny_pdf(text: str = "Invoice") -> bytes:
    """A small valid PDF with one line of text."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref,
    )  # fmt: skip
    return bytes(out)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def tiny_png(width: int = 4, height: int = 4, rgb=(31, 79, 176)) -> bytes:
    """A small valid PNG of one colour."""
    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(row * height)) + _chunk(b"IEND", b"")
    )  # fmt: skip


def tiny_csv(rows: int = 3) -> bytes:
    """An attendee list."""
    lines = ["name,company,email"] + [
        f"Attendee {n},Customer {n},attendee{n}@example.com" for n in range(1, rows + 1)
    ]
    return ("\n".join(lines) + "\n").encode()


PROOF_FILES = [
    ("invoice.pdf", "pdf", lambda: tiny_pdf("Invoice")),
    ("event-photo.png", "png", tiny_png),
    ("attendees.csv", "csv", tiny_csv),
]


def _pool(today) -> IncentiveProgram:
    program = IncentiveProgram.objects.filter(name=POOL).first()
    if program is None:
        program = IncentiveProgram.objects.create(
            name=POOL, kind=ProgramKind.MDF, targeted_behaviour="results",
            behaviour_description="Marketing activities with us that bring new pipeline.",
            budget=Decimal("200000"), currency="EUR",
            starts_on=today - datetime.timedelta(days=150),
            ends_on=today + datetime.timedelta(days=215),
        )  # fmt: skip
    return program


def _request(rng, program, partner, requester_id, status, today, manager, index):
    activity, results = ACTIVITIES[index % len(ACTIVITIES)]
    starts = today + datetime.timedelta(days=rng.randint(-100, 60))
    starts = max(starts, program.starts_on)
    amount = Decimal(rng.randint(4, 20) * 500)
    fund_request = FundRequest(
        partner=partner, program=program, activity=activity, expected_results=results,
        description="Co-branded with our Platform line.", starts_on=starts,
        ends_on=min(starts + datetime.timedelta(days=rng.randint(1, 20)), program.ends_on),
        amount=amount, currency=program.currency, status=status, requested_by_id=requester_id,
    )  # fmt: skip
    asked = _asked_at(rng, program, starts, today)
    if status in (FundRequestStatus.APPROVED, FundRequestStatus.REJECTED):
        fund_request.decided_by = manager
        fund_request.decided_at = min(asked + datetime.timedelta(days=2), timezone.now())
    if status == FundRequestStatus.APPROVED:
        fund_request.approved_amount = amount if rng.random() < 0.6 else amount * Decimal("0.8")
    if status == FundRequestStatus.REJECTED:
        fund_request.reason = rng.choice(REJECTIONS)
    fund_request.save()
    # auto_now_add wrote today: the request was made before the activity.
    FundRequest.objects.filter(pk=fund_request.pk).update(created_at=asked)
    fund_request.created_at = asked
    return fund_request


def _asked_at(rng, program, starts, today) -> datetime.datetime:
    """A working hour some days before the activity, within the program, in the past."""
    day = max(starts - datetime.timedelta(days=rng.randint(5, 20)), program.starts_on)
    day = min(day, today - datetime.timedelta(days=3))
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(8, 17), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def _claim(fund_request, amount, status, manager, requester_id) -> IncentiveClaim:
    claim = IncentiveClaim(
        program=fund_request.program, partner=fund_request.partner, fund_request=fund_request,
        amount=amount, currency=fund_request.currency, requested_by_id=requester_id,
        description=f"{fund_request.activity}: done, see the invoice and the attendee list.",
        attributed_revenue=(amount * 5).quantize(Decimal("1")), status=status,
    )  # fmt: skip
    now = timezone.now()
    made = min(max(fund_request.decided_at, _end_of(fund_request.ends_on)), now)
    if status == ClaimStatus.PAID:
        claim.decided_by, claim.decided_at = manager, now
        claim.paid_at, claim.payment_reference = now, f"MDF-{fund_request.pk:06d}"
    claim.save()
    # Claimed once the activity was over (or today, for one still running).
    IncentiveClaim.objects.filter(pk=claim.pk).update(created_at=made)
    for name, kind, make in PROOF_FILES:
        content = make()
        proof = ProofOfPerformance(
            claim=claim, original_name=name, kind=kind, size=len(content),
            uploaded_by_id=requester_id,
        )  # fmt: skip
        proof.file.save(name, ContentFile(content), save=True)
    return claim


def _end_of(day) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(18, 0)))


def _claims_of(fund_request, manager, requester_id) -> None:
    """A paid claim of half the approval and, on every other request, a requested one."""
    half = (fund_request.approved_amount / 2).quantize(Decimal("0.01"))
    _claim(fund_request, half, ClaimStatus.PAID, manager, requester_id)
    claimed = half
    if fund_request.pk % 2 == 0:
        rest = (half / 2).quantize(Decimal("0.01"))
        _claim(fund_request, rest, ClaimStatus.REQUESTED, manager, requester_id)
        claimed += rest
    FundRequest.objects.filter(pk=fund_request.pk).update(claimed_total=claimed)


def seed(state) -> None:
    if FundRequest.objects.exists():
        return
    rng = Random(f"{state.seed}:funds")
    today, manager = timezone.localdate(), state.users.get("manager")
    program = _pool(today)
    requester_of = partner_selectors.portal_users_by_partner()
    partners = {p.pk: p for p in partner_selectors.partners().filter(pk__in=requester_of)}
    statuses = [FundRequestStatus.APPROVED, FundRequestStatus.REQUESTED,
                FundRequestStatus.APPROVED, FundRequestStatus.REJECTED,
                FundRequestStatus.CANCELLED]  # fmt: skip
    others = list(partner_selectors.partners().exclude(pk__in=requester_of).order_by("pk")[:40])
    rows = [(partners[pk], requester_of[pk], status) for pk in sorted(partners)
            for status in statuses]  # fmt: skip
    rows += [(partner, manager.pk, rng.choice(statuses)) for partner in rng.sample(
        others, min(len(others), 8))]  # fmt: skip
    created = []
    for index, (partner, requester_id, status) in enumerate(rows):
        fund_request = _request(rng, program, partner, requester_id, status, today, manager, index)
        created.append(fund_request)
        if status == FundRequestStatus.APPROVED:
            _claims_of(fund_request, manager, requester_id)
    committed = sum(
        (r.approved_amount for r in created if r.status == FundRequestStatus.APPROVED),
        Decimal("0"),
    )
    # The budget ledger, as fund_request_approve keeps it.
    IncentiveProgram.objects.filter(pk=program.pk).update(
        committed_total=F("committed_total") + committed
    )
    state.report("fund requests", len(created))
