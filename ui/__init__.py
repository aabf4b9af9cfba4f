"""Streamlit user interface: the shared page shell, state, translations and charts."""
