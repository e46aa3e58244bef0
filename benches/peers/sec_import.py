#!/usr/bin/env python3
"""The plain Python script a user would write instead of `moneymap import` for an SEC
companyfacts file: json.load, then the same rules (see datasets/README.md, "Import"):

- full-year periods only: start..end of 350-380 days (never fy/fp);
- forms 10-K, 20-F, 40-F and their amendments;
- per period, the latest `filed` wins (restatements);
- year label = year of the period end; an end on 1-7 January counts as the year before;
- revenue by priority per year (Revenues, contract-with-customer tags, SalesRevenueNet;
  ifrs-full Revenue), net income NetIncomeLoss else ProfitLoss, capex PP&E else
  PaymentsToAcquireProductiveAssets, free cash flow = operating cash flow - capex;
- one currency; millions or billions.

It writes a RON dataset like moneymap's (figures, a note per figure). Used only as the
side-by-side peer in BENCHMARKS.md:  python3 benches/peers/sec_import.py FILE.json OUT.ron
"""

import datetime
import json
import sys

FORMS = {"10-K", "10-K/A", "20-F", "20-F/A", "40-F", "40-F/A"}
US = {
    "revenue": ["Revenues", "RevenueFromContractWithCustomerExcludingAssessedTax",
                "RevenueFromContractWithCustomerIncludingAssessedTax", "SalesRevenueNet"],
    "gross_profit": ["GrossProfit"],
    "operating_income": ["OperatingIncomeLoss"],
    "net_income": ["NetIncomeLoss", "ProfitLoss"],
    "operating_cash_flow": ["NetCashProvidedByUsedInOperatingActivities",
                            "NetCashProvidedByUsedInOperatingActivitiesContinuingOperations"],
    "capex": ["PaymentsToAcquirePropertyPlantAndEquipment", "PaymentsToAcquireProductiveAssets"],
}
IFRS = {
    "revenue": ["Revenue"],
    "gross_profit": ["GrossProfit"],
    "operating_income": ["ProfitLossFromOperatingActivities"],
    "net_income": ["ProfitLoss"],
    "operating_cash_flow": ["CashFlowsFromUsedInOperatingActivities"],
    "capex": ["PurchaseOfPropertyPlantAndEquipmentClassifiedAsInvestingActivities"],
}


def label_year(end):
    if end.month == 1 and end.day <= 7:
        return end.year - 1
    return end.year


def annual(concept, currencies):
    """{year: fact} for one concept: full years from annual forms, latest filed wins."""
    best = {}
    for unit, facts in concept.get("units", {}).items():
        if len(unit) != 3 or not unit.isupper():
            continue
        for f in facts:
            if f.get("form") not in FORMS or "start" not in f:
                continue
            start = datetime.date.fromisoformat(f["start"])
            end = datetime.date.fromisoformat(f["end"])
            if not 350 <= (end - start).days <= 380:
                continue
            currencies.add(unit)
            year = label_year(end)
            key = (f["end"], f["filed"], f["accn"])
            if year not in best or key > best[year][0]:
                best[year] = (key, f)
    return {y: f for y, (_, f) in best.items()}


def main():
    src, out = sys.argv[1], sys.argv[2]
    with open(src) as fh:
        doc = json.load(fh)
    facts = doc["facts"]
    tax, rules = ("us-gaap", US) if "us-gaap" in facts else ("ifrs-full", IFRS)
    concepts = facts.get(tax, {})
    currencies = set()
    years = {}
    for field, names in rules.items():
        for name in names:
            if name not in concepts:
                continue
            for y, f in annual(concepts[name], currencies).items():
                row = years.setdefault(y, {})
                if field not in row:
                    row[field] = (f["val"], f"{name}, {f['form']} filed {f['filed']}, accn {f['accn']}")
    if len(currencies) > 1:
        sys.exit(f"{src}: mixed currencies {sorted(currencies)}")
    years = {y: r for y, r in years.items() if "revenue" in r}
    if not years:
        sys.exit(f"{src}: no annual revenue")
    top = max(abs(r["revenue"][0]) for r in years.values())
    scale, word = (1e9, "Billions") if top >= 1e10 else (1e6, "Millions")
    lines = [f"// Imported from {src}", "(", f'    company: {json.dumps(doc.get("entityName", ""))},',
             f'    currency: "{next(iter(currencies))}",', f"    scale: {word},",
             '    source: (title: "SEC companyfacts", basis: "as filed"),', "    segments: [],",
             "    years: ["]
    for y in sorted(years):
        r = years[y]
        lines.append(f"        (year: {y},")
        for field in rules:
            if field in r:
                lines.append(f"            {field}: {r[field][0] / scale!r},")
        if "operating_cash_flow" in r and "capex" in r:
            fcf = (r["operating_cash_flow"][0] - r["capex"][0]) / scale
            lines.append(f"            // free cash flow (derived): {fcf!r}")
        notes = ", ".join(f"{json.dumps(k)}: {json.dumps(v[1])}" for k, v in r.items())
        lines.append(f"            notes: {{{notes}}},")
        lines.append("        ),")
    lines += ["    ],", ")", ""]
    with open(out, "w") as fh:
        fh.write("\n".join(lines))


if __name__ == "__main__":
    main()
