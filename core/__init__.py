"""Customer importance ranking: pure-Python core (pandas, numpy, pyarrow; no Streamlit)."""
