"""Row numbers in messages follow the spreadsheet, even after ingest skipped blank rows."""

import pandas as pd

from core.ingest.read import read_table
from core.ingest.rows import sheet_rows
from core.mapping.columns import detect_mapping
from core.method.ranking import rank_customers
from core.method.scenario_mapping import default_scenario


def test_plain_frame_counts_from_row_two():
    assert sheet_rows(pd.DataFrame({"a": [1, 2, 3]})).tolist() == [2, 3, 4]


def test_excluded_duplicate_names_its_sheet_row_after_a_blank_row():
    data = b"id,revenue\nA1,10\n,\nA2,20\nA1,5\n"
    ingest = read_table(data, name="blank.csv")
    assert sheet_rows(ingest.frame).tolist() == [2, 4, 5]
    ranking = rank_customers(ingest.frame, default_scenario(detect_mapping(ingest.frame)))
    assert ranking.excluded["row"].tolist() == [5]
    assert ranking.excluded["reason"].tolist() == [
        "duplicate customer ID 'A1' (first seen in row 2); only the first row is ranked"
    ]


def test_infinite_value_warning_names_its_sheet_row():
    body = "A1,10,1\n,,\nA2,20,inf\n" + "".join(f"B{i},{i},{i}\n" for i in range(6))
    ingest = read_table(("id,revenue,profit\n" + body).encode(), name="inf.csv")
    ranking = rank_customers(ingest.frame, default_scenario(detect_mapping(ingest.frame)))
    assert len(ranking.table) == 8
    assert any("row 4: 'inf'" in w for w in ingest.warnings)


def test_default_tier_labels_follow_the_data_language():
    english = pd.DataFrame({"customer_id": ["a", "b"], "revenue": [1.0, 2.0]})
    chinese = pd.DataFrame({"客户编号": ["a", "b"], "销售额": [1.0, 2.0]})
    assert default_scenario(detect_mapping(english)).tiers.labels[0] == "Key"
    assert default_scenario(detect_mapping(chinese)).tiers.labels[0] == "关键客户"
