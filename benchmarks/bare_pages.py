"""The bare Streamlit pages the app's rerun is measured against (AppTest and Chromium).

``scoring``: a slider, the customer table read once (cached), an equal-weight min-max score of
its numeric columns with the slider weighting the first, the table sorted by score and shown —
the least a page that re-ranks on a slider must do. ``showing``: a slider and the cached table
shown, no scoring.
"""

from __future__ import annotations

from pathlib import Path

HEAD = """
import numpy as np
import pandas as pd
import streamlit as st

@st.cache_data
def load(path):
    return pd.read_csv(path)

weight = st.slider("weight", 0, 100, 50, key="w")
table = load(PATH)
"""

SCORING = """
x = table.select_dtypes("number").to_numpy(dtype=float)
low, high = np.nanmin(x, axis=0), np.nanmax(x, axis=0)
scaled = np.nan_to_num((x - low) / np.where(high > low, high - low, 1))
weights = np.ones(x.shape[1])
weights[0] = weight
score = 100 * scaled @ (weights / weights.sum())
order = np.argsort(-score, kind="stable")
st.dataframe(table.iloc[order].assign(score=score[order]), hide_index=True)
"""

SHOWING = """
st.dataframe(table, hide_index=True)
"""


def bare_page(kind: str, csv: Path) -> str:
    """The script of the bare page ``kind`` ("scoring" or "showing") reading ``csv``."""
    body = {"scoring": SCORING, "showing": SHOWING}[kind]
    return HEAD.replace("PATH", repr(str(csv))) + body
