"""Text of the accounts page: key → (中文, English)."""

TEXT: dict[str, tuple[str, str]] = {
    "accounts.title": ("重点客户与资源", "Key accounts & resources"),
    "accounts.caption": (
        "专家评估、大客户类型、资源配置和盈利分析：把排名变成对具体客户的决定。",
        "Expert assessment, key-account types, resource allocation and profitability: turn "
        "the ranking into decisions about particular customers.",
    ),
    "accounts.no_numbers": (
        "数据中没有数值列，无法划分大客户类型。",
        "The data has no numeric column, so key-account types cannot be assigned.",
    ),
    # 1. Expert overrides
    "accounts.ov_title": ("专家评估", "Expert assessment"),
    "accounts.ov_caption": (
        "计算结果之外，专家可以把客户调到另一个分组，或固定其名次；必须写明理由。"
        "调整保存在方案中，权重变化后依然有效。",
        "Beyond the computed result, an expert can move a customer to another tier or pin its "
        "rank, with a reason. Overrides are saved in the scenario and still apply after the "
        "weights change.",
    ),
    "accounts.ov_customer": ("客户", "Customer"),
    "accounts.ov_tier": ("调整到分组", "Move to tier"),
    "accounts.ov_keep_tier": ("（保持计算的分组）", "(keep the computed tier)"),
    "accounts.ov_rank": ("固定名次（可选）", "Pin rank (optional)"),
    "accounts.ov_rank_help": (
        "留空则只调整分组；填写名次后其他客户依次顺延。",
        "Leave empty to move the tier only; with a rank the other customers shift around it.",
    ),
    "accounts.ov_reason": ("理由（必填）", "Reason (required)"),
    "accounts.ov_reason_hint": (
        "例如：战略合作伙伴，明年有大额框架协议",
        "e.g. strategic partner, a large framework agreement next year",
    ),
    "accounts.ov_author": ("评估人", "Assessed by"),
    "accounts.ov_save": ("保存调整", "Save override"),
    "accounts.ov_error": (
        "调整未保存，已填写的内容保留。{error}",
        "The override was not saved; what you typed is kept. {error}",
    ),
    "accounts.ov_none": (
        "还没有专家调整：表格中的分组和名次全部来自计算。",
        "No expert overrides yet: every tier and rank comes from the computation.",
    ),
    "accounts.ov_missing": (
        "以下客户编号的调整在当前数据中找不到，暂未生效：{ids}",
        "Overrides for these customer IDs are not in the current data and are not applied: {ids}",
    ),
    "accounts.ov_remove_pick": ("要撤销的调整", "Override to remove"),
    "accounts.ov_remove": ("撤销", "Remove"),
    "accounts.ov_col_customer_id": ("客户", "Customer"),
    "accounts.ov_col_from_tier": ("原分组", "From tier"),
    "accounts.ov_col_from_rank": ("原名次", "From rank"),
    "accounts.ov_col_to_tier": ("新分组", "To tier"),
    "accounts.ov_col_to_rank": ("新名次", "To rank"),
    "accounts.ov_col_reason": ("理由", "Reason"),
    "accounts.ov_col_author": ("评估人", "By"),
    "accounts.ov_col_at": ("时间（UTC）", "When (UTC)"),
    "accounts.ov_col_status": ("状态", "Status"),
    "accounts.ov_status_applied": ("已生效", "applied"),
    "accounts.ov_status_id_missing": ("编号不在数据中", "ID not in the data"),
    # 2. Key-account types and the CLV × profit matrix
    "accounts.ka_title": ("大客户类型", "Key-account types"),
    "accounts.ka_caption": (
        "按业务规模、合作潜力和行业影响力把客户分为战略型、伙伴型、交易型。"
        "每个维度换算为客户间的百分位（0–100）。",
        "Customers become strategic, partner or transactional by business scale, cooperation "
        "potential and industry influence, each turned into a percentile (0–100) among them.",
    ),
    "accounts.ka_scale": ("业务规模", "Business scale"),
    "accounts.ka_potential": ("合作潜力", "Cooperation potential"),
    "accounts.ka_influence": ("行业影响力", "Industry influence"),
    "accounts.ka_rules_caption": (
        "规则表：客户归入第一条三个最低百分位都达到的类型，最后一行兜底。可修改阈值或增删类型。",
        "Rule table: a customer gets the first type whose three minimum percentiles it meets; "
        "the last row catches everyone else. Edit the thresholds or add and remove types.",
    ),
    "accounts.ka_type": ("客户类型", "Account type"),
    "accounts.ka_min_scale": ("规模 ≥", "Scale ≥"),
    "accounts.ka_min_potential": ("潜力 ≥", "Potential ≥"),
    "accounts.ka_min_influence": ("影响力 ≥", "Influence ≥"),
    "accounts.ka_rules_error": (
        "规则表有误，仍使用上一版有效规则。{error}",
        "The rule table is not valid; the last valid rules are still used. {error}",
    ),
    "accounts.matrix_title": ("客户终身价值 × 利润贡献矩阵", "CLV × profit contribution matrix"),
    "accounts.matrix_caption": (
        "横轴为当前利润贡献，纵轴为客户终身价值（或其代理指标，如增长率），以中位数为界分为四类。",
        "Across: today's profit contribution; up: customer lifetime value (or a proxy such as "
        "the growth rate); the medians split customers into four groups.",
    ),
    "accounts.ka_clv": ("客户终身价值（或代理指标）", "Lifetime value (or a proxy)"),
    "accounts.ka_profit": ("利润贡献", "Profit contribution"),
    "accounts.matrix_group": ("类别", "Group"),
    # 3. Resource allocation
    "accounts.al_title": ("资源配置", "Resource allocation"),
    "accounts.al_caption": (
        "把有限的预算、销售工时或客户经理分给各组和各客户：先按各组份额（默认取策略中的资源占比）"
        "和保底，再在组内按得分或所选指标分配，可设单个客户上限。",
        "Share a limited budget, sales hours or account managers across tiers and customers: "
        "first by tier shares (default: the playbook's resource shares) and minimums, then "
        "within a tier by score or a chosen column, with an optional cap per customer.",
    ),
    "accounts.al_budget": ("预算总量", "Budget"),
    "accounts.al_unit": ("单位", "Unit"),
    "accounts.al_unit_money": ("万元", "money"),
    "accounts.al_unit_hours": ("销售工时", "sales hours"),
    "accounts.al_unit_managers": ("客户经理（人）", "account managers"),
    "accounts.al_basis": ("组内分配依据", "Within a tier, by"),
    "accounts.al_by_score": ("得分", "score"),
    "accounts.al_cap": ("单个客户上限（可选）", "Cap per customer (optional)"),
    "accounts.al_cap_help": (
        "留空表示不设上限；超出部分分给其他客户。",
        "Leave empty for no cap; what a cap cuts off goes to the other customers.",
    ),
    "accounts.al_share": ("{tier} 份额（%）", "{tier} share (%)"),
    "accounts.al_minimum": ("{tier} 保底", "{tier} minimum"),
    "accounts.al_apply": ("分配", "Allocate"),
    "accounts.al_error": (
        "无法按此方案分配，已保存的方案不变。{error}",
        "This allocation cannot be made; the saved policy is kept. {error}",
    ),
    "accounts.al_total": ("已分配（{unit}）", "Allocated ({unit})"),
    "accounts.al_covered_revenue": ("覆盖的销售额占比", "Share of revenue covered"),
    "accounts.al_covered_profit": ("覆盖的利润占比", "Share of profit covered"),
    "accounts.al_amount": ("分配量（{unit}）", "Amount ({unit})"),
    "accounts.al_col_tier": ("分组", "Tier"),
    "accounts.al_col_customers": ("客户数", "Customers"),
    "accounts.al_col_funded": ("获得资源的客户", "Funded"),
    "accounts.al_col_amount": ("分配量（{unit}）", "Amount ({unit})"),
    "accounts.al_col_share": ("占预算", "Share of budget"),
    "accounts.al_col_revenue_share": ("销售额占比", "Share of revenue"),
    "accounts.al_col_profit_share": ("利润占比", "Share of profit"),
    "accounts.al_top": ("资源最多的前 {n} 位客户", "Top {n} customers by amount"),
    # 4. Profitability by segment
    "accounts.pf_title": ("盈利分析", "Profitability by segment"),
    "accounts.pf_caption": (
        "按分组、区域、行业等维度看销售额（{revenue}）、利润（{profit}）和利润率：谁真正在赚钱。",
        "Revenue ({revenue}), profit ({profit}) and margin by tier, region, industry …: who "
        "really earns money.",
    ),
    "accounts.pf_missing": (
        "需要销售额和利润两列才能做盈利分析：请在「数据」页确认列的含义。",
        "Profitability needs a revenue and a profit column: check the column roles on the "
        "Data page.",
    ),
    "accounts.pf_segment": ("按此维度", "Segment by"),
    "accounts.pf_error": ("无法计算盈利分析：{error}", "Cannot compute profitability: {error}"),
    "accounts.pf_col_customers": ("客户数", "Customers"),
    "accounts.pf_col_revenue": ("销售额", "Revenue"),
    "accounts.pf_col_profit": ("利润", "Profit"),
    "accounts.pf_col_margin": ("利润率", "Margin"),
    "accounts.pf_col_cost_to_serve": ("服务成本", "Cost to serve"),
    "accounts.pf_col_net_profit": ("净利润", "Net profit"),
    "accounts.pf_col_revenue_share": ("销售额占比", "Share of revenue"),
    "accounts.pf_col_profit_share": ("利润占比", "Share of profit"),
    "accounts.pf_col_net_share": ("净利润占比", "Share of net profit"),
    "accounts.pf_pareto_title": ("二八法则", "The 80/20 view"),
    "accounts.pf_pareto": ("贡献 80% 利润的客户占比", "Customers making 80 % of profit"),
    "accounts.pf_total": ("利润合计", "Total profit"),
    "accounts.pf_loss_making": ("亏损客户", "Loss-making customers"),
    "accounts.pf_pareto_caption": (
        "{share:.1%} 的客户贡献了 80% 的利润；盈利客户合计 {profitable:,.0f}，"
        "扣除亏损客户后总利润为 {total:,.0f}。",
        "{share:.1%} of customers make 80 % of the profit; the profitable ones make "
        "{profitable:,.0f}, and after the loss makers the total is {total:,.0f}.",
    ),
    "accounts.pf_losers_title": ("不盈利的客户（{n} 位）", "Unprofitable customers ({n})"),
    "accounts.pf_no_losers": (
        "没有利润为负（或利润低于服务成本）的客户。",
        "No customer has a negative profit (or a profit below its cost to serve).",
    ),
}
