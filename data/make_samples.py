"""Generate the bundled sample data: 500 customers (Chinese and English headers) and their orders.

Usage: ``python data/make_samples.py [OUTPUT_DIR]`` (default: this file's folder). The seed is
fixed, so the same numpy version writes the same bytes every time.

Contract between the files (after dropping the 3 deliberate duplicate order lines):
销售额 = Σ 2024 order amounts > 0, 毛利 = Σ their 毛利, 订单数 = their count,
最近购买日期 = the latest date of any purchase (amount > 0),
增长率 = round((S2024 − S2023) / S2023, 2) over purchases, empty for customers new in 2024.
"""

from __future__ import annotations

import argparse
import csv
from datetime import date, timedelta
from pathlib import Path

import numpy as np

SEED = 20241231
N_CUSTOMERS = 500
N_NEW, N_DORMANT, N_LOSS_MAKING, N_MISSING, N_RETURNS, N_DUPLICATES = 15, 6, 12, 15, 6, 3
Y2023, Y2024 = date(2023, 1, 1), date(2024, 1, 1)
AS_OF = date(2024, 12, 31)

# (zh, en, share of customers, typical gross margin)
INDUSTRIES = [
    ("制造业", "Manufacturing", 0.22, 0.18),
    ("零售", "Retail", 0.15, 0.12),
    ("医药", "Pharma", 0.10, 0.32),
    ("金融", "Finance", 0.08, 0.38),
    ("互联网", "Internet", 0.12, 0.42),
    ("物流", "Logistics", 0.13, 0.09),
    ("能源", "Energy", 0.08, 0.15),
    ("教育", "Education", 0.12, 0.28),
]
SUFFIXES = {  # company-type words fitting each industry: (zh, en)
    "制造业": [("制造", "Manufacturing"), ("实业", "Industrial"), ("机械", "Machinery")],
    "零售": [("贸易", "Trading"), ("商贸", "Commerce"), ("百货", "Department Store")],
    "医药": [("医药", "Pharmaceutical"), ("生物科技", "Biotech"), ("药业", "Pharma")],
    "金融": [("投资", "Investment"), ("金融服务", "Financial Services"), ("资本", "Capital")],
    "互联网": [("科技", "Technology"), ("网络科技", "Network Technology"), ("信息", "Info Tech")],
    "物流": [("物流", "Logistics"), ("供应链", "Supply Chain"), ("运输", "Transport")],
    "能源": [("能源", "Energy"), ("新能源", "New Energy"), ("电力", "Power")],
    "教育": [("教育科技", "Education Technology"), ("文化", "Culture"), ("培训", "Training")],
}
# (zh, en, share of customers)
REGIONS = [
    ("华东", "East", 0.28),
    ("华南", "South", 0.20),
    ("华北", "North", 0.17),
    ("华中", "Central", 0.12),
    ("西南", "Southwest", 0.11),
    ("西北", "Northwest", 0.06),
    ("东北", "Northeast", 0.06),
]
CITIES = {  # "zh en" pairs per region, so a company's city always lies in its region
    "华东": "上海 Shanghai 杭州 Hangzhou 南京 Nanjing 苏州 Suzhou 宁波 Ningbo 合肥 Hefei "
    "济南 Jinan 青岛 Qingdao 福州 Fuzhou 厦门 Xiamen 无锡 Wuxi",
    "华南": "广州 Guangzhou 深圳 Shenzhen 东莞 Dongguan 佛山 Foshan 南宁 Nanning "
    "海口 Haikou 珠海 Zhuhai",
    "华北": "北京 Beijing 天津 Tianjin 石家庄 Shijiazhuang 太原 Taiyuan "
    "呼和浩特 Hohhot 唐山 Tangshan",
    "华中": "武汉 Wuhan 长沙 Changsha 郑州 Zhengzhou 南昌 Nanchang 洛阳 Luoyang 宜昌 Yichang",
    "西南": "成都 Chengdu 重庆 Chongqing 昆明 Kunming 贵阳 Guiyang 绵阳 Mianyang",
    "西北": "西安 Xi'an 兰州 Lanzhou 乌鲁木齐 Urumqi 银川 Yinchuan 西宁 Xining",
    "东北": "沈阳 Shenyang 大连 Dalian 长春 Changchun 哈尔滨 Harbin",
}
WORDS = (
    "恒达 Hengda 华信 Huaxin 金鼎 Jinding 鑫源 Xinyuan 宏图 Hongtu 瑞丰 Ruifeng 天成 Tiancheng "
    "博远 Boyuan 嘉禾 Jiahe 永盛 Yongsheng 新锐 Xinrui 汇通 Huitong 锦程 Jincheng 盛世 Shengshi "
    "联创 Lianchuang 海纳 Haina 安泰 Antai 明德 Mingde 正元 Zhengyuan 启航 Qihang 云帆 Yunfan "
    "同益 Tongyi 德润 Derun 凯瑞 Kairui 卓越 Zhuoyue 华宇 Huayu 融汇 Ronghui 长青 Changqing "
    "富源 Fuyuan 金桥 Jinqiao 润达 Runda 泰和 Taihe 信诚 Xincheng 广厦 Guangsha 万通 Wantong"
)
# (zh, margin offset): services earn more than standard hardware
PRODUCT_LINES = [("标准产品", -0.03), ("定制方案", 0.04), ("配件耗材", 0.02),
                 ("软件订阅", 0.10), ("技术服务", 0.06)]  # fmt: skip
CHANNELS = ["直销", "经销", "线上"]

COLUMNS = [  # customer columns in file order: (zh header, en header)
    ("客户编号", "customer_id"),
    ("客户名称", "customer_name"),
    ("行业", "industry"),
    ("区域", "region"),
    ("销售额", "revenue"),
    ("毛利", "profit"),
    ("订单数", "orders"),
    ("最近购买日期", "last_order_date"),
    ("合作年限", "tenure_years"),
    ("满意度", "satisfaction"),
    ("NPS", "nps"),
    ("增长率", "growth_rate"),
    ("市场影响力", "market_influence"),
    ("逾期天数", "overdue_days"),
    ("投诉次数", "complaints"),
]
ZH_HEADER = [zh for zh, _ in COLUMNS]
EN_HEADER = [en for _, en in COLUMNS]
ORDER_HEADER = ["订单号", "客户编号", "订单日期", "金额", "毛利", "产品线", "渠道"]


def _pairs(text: str) -> list[tuple[str, str]]:
    """'上海 Shanghai 杭州 Hangzhou' -> [('上海', 'Shanghai'), ('杭州', 'Hangzhou')]."""
    tokens = text.split()
    return list(zip(tokens[::2], tokens[1::2], strict=True))


def _yuan(cents: int) -> str:
    """Integer cents as a plain yuan string with 2 decimals (exact, no float rounding)."""
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def _split(rng: np.random.Generator, total: int, n: int) -> np.ndarray:
    """Split ``total`` ≥ n cents into n parts ≥ 1 cent with Σ = total.

    parts = 1 + Dirichlet(2) share of (total − n), rounded by largest remainder.
    """
    raw = rng.dirichlet(np.full(n, 2.0)) * (total - n)
    parts = np.floor(raw).astype(np.int64)
    parts[np.argsort(parts - raw, kind="stable")[: total - n - int(parts.sum())]] += 1
    return parts + 1


def _days(rng: np.random.Generator, start: date, last: date, n: int) -> list[date]:
    """n order dates in [start, last], the last one exactly on ``last``."""
    offsets = rng.integers(0, (last - start).days + 1, size=n - 1)
    return [*sorted(start + timedelta(days=int(d)) for d in offsets), last]


def _names(rng: np.random.Generator, industry: np.ndarray, region: np.ndarray) -> list[tuple]:
    """Unique (zh, en) company names: city + word + industry suffix + 有限公司."""
    words, seen, names = _pairs(WORDS), set(), []
    for ind, reg in zip(industry, region, strict=True):
        cities, suffixes = _pairs(CITIES[REGIONS[reg][0]]), SUFFIXES[INDUSTRIES[ind][0]]
        while True:
            c, w, s = (rng.integers(len(x)) for x in (cities, words, suffixes))
            zh = f"{cities[c][0]}{words[w][0]}{suffixes[s][0]}有限公司"
            if zh not in seen:
                break
        seen.add(zh)
        names.append((zh, f"{cities[c][1]} {words[w][1]} {suffixes[s][1]} Co., Ltd."))
    return names


def _customer_orders(
    rng: np.random.Generator,
    i: int,
    status: str,
    target: int,
    n24: int,
    margin: float,
    first: date,
    last: date,
) -> list[list]:
    """Order rows [date, customer index, cents, profit cents, product line, channel] of one
    customer: 2024 splits ``target`` cents over ``n24`` orders in [first, last]; regular
    customers get a 2023 history with their own growth, dormant ones only a 2023 history."""
    mix = rng.dirichlet(np.full(len(PRODUCT_LINES), 0.8))
    home = 0 if target > 200_000_000 else int(rng.choice(3, p=[0.4, 0.4, 0.2]))
    rows = []

    def add(total: int, n: int, start: date, end: date) -> None:
        lines = rng.choice(len(PRODUCT_LINES), size=n, p=mix)
        stray = rng.random(n) < 0.15
        channels = np.where(stray, rng.integers(0, 3, size=n), home)
        noise = rng.normal(0.0, 0.02, size=n)
        for k, (cents, d) in enumerate(
            zip(_split(rng, total, n), _days(rng, start, end, n), strict=True)
        ):
            rate = margin + PRODUCT_LINES[lines[k]][1] + noise[k]
            rows.append([d, i, int(cents), round(int(cents) * rate),
                         PRODUCT_LINES[lines[k]][0], CHANNELS[channels[k]]])  # fmt: skip

    if status != "dormant":
        add(target, n24, first, last)
    if status == "regular":
        growth = float(np.clip(rng.normal(0.08, 0.3), -0.6, 1.5))
        n23 = max(1, round(n24 / (1 + growth) ** 0.7 * rng.lognormal(0.0, 0.15)))
        end = Y2023 + timedelta(days=int(rng.integers(300, 365)))
        add(max(round(target / (1 + growth)), n23 * 100), n23, Y2023, end)
    elif status == "dormant":
        end = Y2023 + timedelta(days=int(rng.integers(14, 270)))
        total = round(rng.lognormal(np.log(8_000_000), 1.0))
        add(total, max(1, round(total / 2_000_000)), Y2023, end)
    return rows


def make(rng: np.random.Generator) -> tuple[list[list], list[list], list[list]]:
    """Return (zh customer rows, en customer rows, order rows) as strings ready for CSV."""
    n = N_CUSTOMERS
    industry = rng.choice(len(INDUSTRIES), size=n, p=[x[2] for x in INDUSTRIES])
    region = rng.choice(len(REGIONS), size=n, p=[x[2] for x in REGIONS])
    names = _names(rng, industry, region)
    status = np.full(n, "regular", dtype=object)
    picked = rng.choice(n, size=N_NEW + N_DORMANT, replace=False)
    status[picked[:N_NEW]], status[picked[N_NEW:]] = "new", "dormant"
    # Lognormal σ = 1.5: the top 20 % hold about 75 % of revenue (Pareto-like, as in B2B)
    target = np.maximum(np.round(rng.lognormal(np.log(30_000_000), 1.5, size=n)), 300_000)
    margin = np.array([INDUSTRIES[k][3] for k in industry]) + rng.normal(0.0, 0.06, size=n)
    loss = rng.choice(np.flatnonzero(status != "dormant"), size=N_LOSS_MAKING, replace=False)
    margin[loss] = rng.uniform(-0.20, -0.08, size=N_LOSS_MAKING)
    start = np.where(status == "new", rng.integers(0, 300, size=n), 0)
    active = (365 - start) / 365
    n24 = np.clip(np.round(6 * np.sqrt(target / 1e7) * active * rng.lognormal(0, 0.35, n)), 1, 400)
    recency = np.floor(rng.exponential(1.5 * 365 / (n24 + 2)))

    orders: list[list] = []
    for i in range(n):
        first = Y2024 + timedelta(days=int(start[i]))
        last = max(first, AS_OF - timedelta(days=int(recency[i])))
        args = (status[i], int(target[i]), int(n24[i]), margin[i], first, last)
        orders += _customer_orders(rng, i, *args)

    sums = np.zeros((n, 4), dtype=np.int64)  # 2024 cents, 2024 profit, 2024 count, 2023 cents
    last_day = [Y2023] * n
    for d, i, cents, profit, *_ in orders:
        sums[i] += [cents, profit, 1, 0] if d >= Y2024 else [0, 0, 0, cents]
        last_day[i] = max(last_day[i], d)
    orders += _returns(rng, orders)

    complaints = rng.poisson(0.2 + sums[:, 2] / 80 + 0.8 * (margin < 0))
    satisfaction = np.clip(np.round(4.1 - 0.3 * complaints + rng.normal(0, 0.5, n), 1), 1, 5)
    nps = np.clip(np.round((satisfaction - 3.4) * 60 + rng.normal(0, 18, n)), -100, 100)
    size = np.log(np.maximum(sums[:, 0], sums[:, 3]))
    influence = np.round(5.5 + 1.4 * (size - size.mean()) / size.std() + rng.normal(0, 1.3, n))
    tenure = np.where(status == "new", 1, np.minimum(20, 2 + np.floor(rng.gamma(2.0, 2.5, n))))
    overdue = np.where(rng.random(n) < 0.78, 0, np.minimum(180, 1 + rng.exponential(20, n)))
    hidden = [rng.choice(n, size=N_MISSING, replace=False) for _ in range(3)]

    zh, en = [], []
    for i in range(n):
        s23 = int(sums[i, 3])
        growth = "" if s23 == 0 else f"{round((int(sums[i, 0]) - s23) / s23, 2) + 0.0:.2f}"
        values = [
            _yuan(int(sums[i, 0])), _yuan(int(sums[i, 1])), str(sums[i, 2]),
            last_day[i].isoformat(), str(int(tenure[i])),
            "" if i in hidden[0] else f"{satisfaction[i]:.1f}",
            "" if i in hidden[1] else str(int(nps[i])), growth,
            "" if i in hidden[2] else str(int(np.clip(influence[i], 1, 10))),
            str(int(overdue[i])), str(int(complaints[i])),
        ]  # fmt: skip
        ind, reg = INDUSTRIES[industry[i]], REGIONS[region[i]]
        zh.append([f"C{i + 1:04d}", names[i][0], ind[0], reg[0], *values])
        en.append([f"C{i + 1:04d}", names[i][1], ind[1], reg[1], *values])
    return zh, en, _order_rows(rng, orders)


def _returns(rng: np.random.Generator, orders: list[list]) -> list[list]:
    """A few 2024 returns: a negative share of an earlier purchase, dated a little after it."""
    rows = []
    by_customer: dict[int, list[list]] = {}
    for row in orders:
        if row[0] >= Y2024:
            by_customer.setdefault(row[1], []).append(row)
    eligible = sorted(i for i, rs in by_customer.items() if len(rs) >= 3)
    for i in rng.choice(eligible, size=N_RETURNS, replace=False):
        rs = by_customer[int(i)]
        d, _, cents, profit, line, channel = rs[int(rng.integers(0, len(rs) - 1))]
        share = float(rng.choice([1.0, 0.5, 0.2]))
        back = min(d + timedelta(days=int(rng.integers(2, 30))), rs[-1][0])
        rows.append([back, int(i), -round(cents * share), -round(profit * share), line, channel])
    return rows


def _order_rows(rng: np.random.Generator, orders: list[list]) -> list[list]:
    """Sort by date and customer, number O000001…, then repeat 3 purchases (duplicate lines)."""
    orders = sorted(orders, key=lambda r: (r[0], r[1]))
    rows = [[f"O{k + 1:06d}", f"C{r[1] + 1:04d}", r[0].isoformat(), _yuan(r[2]), _yuan(r[3]),
             r[4], r[5]] for k, r in enumerate(orders)]  # fmt: skip
    candidates = [k for k, r in enumerate(orders) if r[0] >= Y2024 and r[2] > 0]
    for k in sorted(rng.choice(candidates, size=N_DUPLICATES, replace=False), reverse=True):
        rows.insert(int(k) + 1, list(rows[k]))
    return rows


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    """UTF-8 without BOM, LF line endings, minimal quoting."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", type=Path, default=Path(__file__).resolve().parent)
    out = parser.parse_args(argv).out_dir
    out.mkdir(parents=True, exist_ok=True)
    zh, en, orders = make(np.random.default_rng(SEED))
    write_csv(out / "sample_customers_zh.csv", ZH_HEADER, zh)
    write_csv(out / "sample_customers_en.csv", EN_HEADER, en)
    write_csv(out / "sample_orders.csv", ORDER_HEADER, orders)


if __name__ == "__main__":
    main()
