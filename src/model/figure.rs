//! The standard figures a year may carry (revenue, profits, cash flow), with their file
//! field names and labels, so generic code (validation, warnings, tables, importers)
//! walks them in one order instead of naming each field.

/// The standard figures every year may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Figure {
    /// Total revenue.
    Revenue,
    /// Gross profit.
    GrossProfit,
    /// Operating income.
    OperatingIncome,
    /// Net income.
    NetIncome,
    /// Cash from operating activities.
    OperatingCashFlow,
    /// Capital expenditure (positive).
    Capex,
    /// Free cash flow.
    FreeCashFlow,
}

impl Figure {
    /// Every figure, in statement order (income statement, then cash flow).
    pub const ALL: [Figure; 7] = [
        Figure::Revenue,
        Figure::GrossProfit,
        Figure::OperatingIncome,
        Figure::NetIncome,
        Figure::OperatingCashFlow,
        Figure::Capex,
        Figure::FreeCashFlow,
    ];

    /// The field name used in the file (and in `notes`).
    pub fn field(self) -> &'static str {
        match self {
            Figure::Revenue => "revenue",
            Figure::GrossProfit => "gross_profit",
            Figure::OperatingIncome => "operating_income",
            Figure::NetIncome => "net_income",
            Figure::OperatingCashFlow => "operating_cash_flow",
            Figure::Capex => "capex",
            Figure::FreeCashFlow => "free_cash_flow",
        }
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Figure::Revenue => "Revenue",
            Figure::GrossProfit => "Gross profit",
            Figure::OperatingIncome => "Operating income",
            Figure::NetIncome => "Net income",
            Figure::OperatingCashFlow => "Operating cash flow",
            Figure::Capex => "Capex",
            Figure::FreeCashFlow => "Free cash flow",
        }
    }
}
