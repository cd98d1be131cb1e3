"""Ambulance planner layout (ilp_dash.ui.ambulance_layout): the model explanation and the K slider's marks."""

from ilp_dash import policy
from ilp_dash.ui import ambulance_layout as al


def test_explanation_names_the_ambulance_standard_and_k_marks_avoid_crowding():
    panel = al.explanation("en", 15)
    text = " ".join(str(p.children) for p in panel.children)
    assert policy.ambulance_standard_text("en") in text and panel.id == "amb-model"
    assert al.k_marks(1, 12, 5) == {1: "1", 12: "12", 5: "5"}
    assert al.k_marks(1, 12, 2) == {1: "1", 12: "12"}  # 2 would crowd the 1


def test_the_weights_are_named_as_they_are():
    """A real population file, the sample one, or none (each village counts 1): never "synthetic" by default."""
    assert "synthetic sample" in al.model_note("en", "sample")
    assert "population file loaded" in al.model_note(
        "en", "loaded"
    ) and "sintetis" not in al.model_note("id", "loaded")
    assert "setiap desa dihitung 1" in al.model_note("id", "none")
    assert "each village counts as 1" in str(al.explanation("en", 15, "none").to_plotly_json())
