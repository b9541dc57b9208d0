"""Writes of culture assessments (a partner's and our own), their validation and the culture
reference text (descriptors and assimilation guidelines)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from prm.lib.access import require_vendor_staff
from prm.lib.audit import acting_as
from prm.lib.services import assign_fields, save_audited

from ..models import (
    CultureAssessment,
    CultureDescriptor,
    CultureDimension,
    CultureGuideline,
    CultureRating,
    CultureType,
)
from ..models.culture import RATING_MAX, RATING_MIN
from .common import STAFF_ONLY

# --- Culture assessments ----------------------------------------------------------------------

CULTURE_FIELDS = {
    "assessed_on", "values", "behaviours", "practices", "symbols", "validation_tactics",
}  # fmt: skip


def _clean_ratings(ratings) -> dict:
    """{(dimension, culture type): score} checked: known keys, whole numbers 0–4, at least one."""
    cleaned, errors = {}, []
    for (dimension, culture_type), score in dict(ratings or {}).items():
        if dimension not in CultureDimension.values or culture_type not in CultureType.values:
            errors.append(f"Unknown rating {dimension} / {culture_type}.")
            continue
        if score is None or score == "":
            continue
        try:
            value = int(score)
        except (TypeError, ValueError):
            errors.append(f"{dimension} / {culture_type}: a rating is a whole number from 0 to 4.")
            continue
        if not RATING_MIN <= value <= RATING_MAX or str(value) != str(score).strip():
            errors.append(
                f"{CultureDimension(dimension).label} — {CultureType(culture_type).label}: "
                f"a rating goes from 0 (does not fit) to 4 (fits fully); {score} is outside."
            )
            continue
        cleaned[(dimension, culture_type)] = value
    if errors:
        raise ValidationError({"ratings": errors})
    if not cleaned:
        raise ValidationError(
            {"ratings": "Rate at least one descriptor: an assessment needs ratings."}
        )
    return cleaned


def _write_ratings(assessment: CultureAssessment, ratings: dict) -> None:
    assessment.ratings.all().delete()
    CultureRating.objects.bulk_create(
        CultureRating(assessment=assessment, dimension=d, culture_type=t, score=s)
        for (d, t), s in ratings.items()
    )


def _check_one_current_own(assessment: CultureAssessment) -> None:
    if not (assessment.is_own and assessment.is_current):
        return
    others = CultureAssessment.objects.filter(is_own=True, is_current=True).exclude(
        pk=assessment.pk
    )
    if others.exists():
        raise ValidationError(
            {"is_current": "There is already a current profile of our own culture. Save this "
                           "one as not current, then make it current (which retires the other)."}
        )  # fmt: skip


@transaction.atomic
def culture_assessment_create(
    *, actor, partner=None, is_own=False, is_current=None, ratings, **fields
) -> CultureAssessment:
    require_vendor_staff(actor, STAFF_ONLY)
    cleaned = _clean_ratings(ratings)
    if is_own and is_current is None:
        is_current = not CultureAssessment.objects.filter(is_own=True, is_current=True).exists()
    assessment = CultureAssessment(
        partner=None if is_own else partner,
        is_own=is_own,
        is_current=bool(is_current) if is_own else True,
        assessed_by=actor,
    )
    assign_fields(assessment, fields, CULTURE_FIELDS)
    if not is_own and partner is None:
        raise ValidationError({"partner": "Say which partner this assessment is of."})
    _check_one_current_own(assessment)
    save_audited(assessment, actor)
    _write_ratings(assessment, cleaned)
    return assessment


@transaction.atomic
def culture_assessment_update(
    *, actor, assessment: CultureAssessment, ratings=None, **fields
) -> CultureAssessment:
    require_vendor_staff(actor, STAFF_ONLY)
    cleaned = None if ratings is None else _clean_ratings(ratings)
    assign_fields(assessment, fields, CULTURE_FIELDS)
    save_audited(assessment, actor)
    if cleaned is not None:
        _write_ratings(assessment, cleaned)
    return assessment


@transaction.atomic
def culture_assessment_validate(
    *, actor, assessment: CultureAssessment, validated: bool, outcome: str = "", tactics=None
) -> CultureAssessment:
    """Record how the conclusion was checked and whether it held."""
    require_vendor_staff(actor, STAFF_ONLY)
    if validated and not outcome.strip():
        raise ValidationError(
            {"validation_outcome": "Say what the validation showed before marking it validated."}
        )
    if tactics is not None:
        assessment.validation_tactics = tactics
    assessment.validation_outcome = outcome
    assessment.validated = validated
    assessment.validated_by = actor if validated else None
    assessment.validated_on = datetime.date.today() if validated else None
    return save_audited(assessment, actor)


@transaction.atomic
def culture_own_make_current(*, actor, assessment: CultureAssessment) -> CultureAssessment:
    """Make this profile of our own culture the current one; the previous one is kept as history."""
    require_vendor_staff(actor, STAFF_ONLY)
    if not assessment.is_own:
        raise ValidationError("Only a profile of our own culture can be made current.")
    with acting_as(actor):
        for previous in CultureAssessment.objects.filter(is_own=True, is_current=True).exclude(
            pk=assessment.pk
        ):
            previous.is_current = False
            previous.save(update_fields=["is_current", "updated_at"])
        assessment.is_current = True
        assessment.save(update_fields=["is_current", "updated_at"])
    return assessment


def culture_guideline_update(*, actor, guideline: CultureGuideline, guidance: str):
    require_vendor_staff(actor, STAFF_ONLY)
    if not guidance.strip():
        raise ValidationError({"guidance": "Write the guidance; it cannot be empty."})
    guideline.guidance = guidance.strip()
    return save_audited(guideline, actor)


def culture_descriptor_update(*, actor, descriptor: CultureDescriptor, text: str):
    require_vendor_staff(actor, STAFF_ONLY)
    if not text.strip():
        raise ValidationError({"text": "Write the descriptor; it cannot be empty."})
    descriptor.text = text.strip()
    return save_audited(descriptor, actor)
