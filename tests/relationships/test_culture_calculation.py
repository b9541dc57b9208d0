"""The culture calculation: profile, dominant type, clarity, per dimension, and comparison."""

import pytest

from relationships.culture import DIMENSIONS, MIXED_MARGIN, TYPES, culture_compare, culture_profile


def ratings(scores_by_type: dict, dimensions=DIMENSIONS):
    return [(d, t, scores_by_type.get(t, 0)) for d in dimensions for t in TYPES]


def test_culture_profile_finds_a_clear_winner():
    profile = culture_profile(ratings({"collaborative": 4, "bureaucratic": 1}))
    assert profile.dominant_type == "collaborative"
    assert profile.overall.shares["collaborative"] == pytest.approx(80.0)
    assert profile.clarity == pytest.approx(60.0)
    assert not profile.is_mixed
    assert profile.overall.dominant_label == "Collaborative"
    assert all(leaning.dominant == "collaborative" for leaning in profile.by_dimension.values())


def test_culture_profile_calls_a_tie_mixed():
    profile = culture_profile(ratings({"entrepreneurial": 3, "individualistic": 3}))
    assert profile.clarity == 0
    assert profile.is_mixed
    assert profile.overall.dominant_label == "Mixed"
    # A tie still names a leading type, deterministically (the order of the types).
    assert profile.dominant_type == "entrepreneurial"


def test_culture_profile_is_mixed_below_the_margin():
    scores = ratings({"bureaucratic": 4, "collaborative": 3, "entrepreneurial": 3})
    profile = culture_profile(scores)
    assert profile.clarity == pytest.approx(10.0)
    assert profile.is_mixed is (profile.clarity < MIXED_MARGIN)


def test_culture_profile_of_all_zero_ratings_names_no_type():
    profile = culture_profile(ratings({}))
    assert profile.dominant_type is None
    assert profile.overall.dominant_label == "Not rated"
    assert profile.overall.shares == dict.fromkeys(TYPES, 0.0)
    assert profile.rated == 20


def test_culture_profile_with_an_all_zero_dimension():
    rows = ratings({"bureaucratic": 4}, dimensions=DIMENSIONS[:-1])
    rows += [(DIMENSIONS[-1], t, 0) for t in TYPES]
    profile = culture_profile(rows)
    assert profile.dominant_type == "bureaucratic"
    assert profile.by_dimension[DIMENSIONS[-1]].dominant is None
    assert profile.by_dimension[DIMENSIONS[0]].dominant == "bureaucratic"


def test_culture_profile_counts_missing_ratings_as_zero():
    profile = culture_profile([("decision_making", "collaborative", 2)])
    assert profile.rated == 1
    assert profile.dominant_type == "collaborative"
    assert profile.by_dimension["power"].dominant is None


def test_culture_compare_ranks_dimensions_by_gap():
    ours = culture_profile(ratings({"collaborative": 4}))
    rows = ratings({"collaborative": 4}, dimensions=DIMENSIONS[:3])
    rows += ratings({"bureaucratic": 4}, dimensions=DIMENSIONS[3:4])
    rows += ratings({"collaborative": 2, "bureaucratic": 2}, dimensions=DIMENSIONS[4:])
    theirs = culture_profile(rows)
    comparison = culture_compare(theirs, ours)
    assert [g.dimension for g in comparison.dimensions][:2] == [DIMENSIONS[3], DIMENSIONS[4]]
    assert comparison.dimensions[0].gap == 100.0 and comparison.dimensions[0].size == "large"
    assert comparison.dimensions[1].gap == 50.0
    assert {g.dimension for g in comparison.common_ground} >= set(DIMENSIONS[:3])
    assert all(g.gap == 0 for g in comparison.common_ground if g.dimension in DIMENSIONS[:3])
    assert 0 < comparison.distance < 100


def test_culture_compare_of_identical_profiles_is_zero_distance():
    profile = culture_profile(ratings({"entrepreneurial": 3, "individualistic": 1}))
    comparison = culture_compare(profile, profile)
    assert comparison.distance == 0
    assert comparison.differences == []
