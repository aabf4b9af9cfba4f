"""Widgets that keep their value across page switches (ui.widgets.kept_widget / kept_choice),
with a plain dict as the session state and a recording stand-in for the widget."""

from __future__ import annotations

from ui.widgets import kept_choice, kept_widget


def test_a_new_widget_starts_at_the_default_and_gets_the_keeping_callback(
    session, stand_in
) -> None:
    draw = stand_in()
    value = kept_widget(draw, "top_n", 20, "Top N", 1, 500, help="How many")
    assert value == 20
    ((args, kwargs),) = draw.calls
    assert args == ("Top N", 1, 500)
    assert kwargs["key"] == "top_n" and kwargs["help"] == "How many"
    assert kwargs["args"] == ("top_n",)
    session["top_n"] = 35  # the user changes it …
    kwargs["on_change"](*kwargs["args"])  # … and Streamlit calls back
    assert session["top_n.kept"] == 35


def test_a_kept_value_comes_back_after_a_page_switch(session, stand_in) -> None:
    session["top_n.kept"] = 35  # the widget's own key was dropped by the page switch
    assert kept_widget(stand_in(), "top_n", 20, "Top N") == 35


def test_a_live_value_wins_over_the_default(session, stand_in) -> None:
    session["top_n"] = 7
    assert kept_widget(stand_in(), "top_n", 20, "Top N") == 7


def test_a_choice_passes_label_and_options_first(session, stand_in) -> None:
    draw = stand_in()
    assert kept_choice(draw, "factor", "a", "Factor", ["a", "b"], format_func=str) == "a"
    ((args, kwargs),) = draw.calls
    assert args == ("Factor", ["a", "b"]) and kwargs["format_func"] is str


def test_a_kept_choice_still_offered_is_kept(session, stand_in) -> None:
    session["factor.kept"] = "b"
    assert kept_choice(stand_in(), "factor", "a", "Factor", ["a", "b"]) == "b"


def test_a_kept_choice_no_longer_offered_falls_back_to_the_default(session, stand_in) -> None:
    session["factor"] = "gone"  # e.g. a saved scenario since deleted
    assert kept_choice(stand_in(), "factor", "a", "Factor", ["a", "b"]) == "a"
    assert session["factor"] == "a"
