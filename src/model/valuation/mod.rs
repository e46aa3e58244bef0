//! Valuation: what the market cap implies, next to what the scenario is worth.
//!
//! Everything is in the dataset's own currency and scale: the market cap, the optional
//! net cash and every figure are read as written, never converted. A market cap written
//! in another scale than the figures (42000 in a file of billions) gives multiples a
//! thousand times off; [`Valuation::notes`] flags a revenue multiple above 1,000x or
//! below 0.01x as a likely unit slip.
//!
//! - **Multiples**: market cap / revenue, / gross profit, / free cash flow, for the last
//!   actual year and the scenario's horizon year (`n/a` when the figure is not positive).
//! - **Scenario value** (an equity value): the scenario's free cash flow projected for
//!   `N` years and discounted ([`solve`] has the formula), plus net cash; compared with
//!   the market cap.
//! - **Priced-in growth**: the constant revenue growth `g` over `N` years for which
//!   `FCF_t = m R₀ (1+g)^t` (R₀ the last actual revenue, m the scenario's FCF margin in
//!   its horizon year) is worth the market cap less net cash; solved by bracketing and
//!   bisection on `[-50%, +200%]`, "not reachable" outside it.
//!
//! Defaults: discount rate `r` 9%, terminal growth `g_T` 3%, `N` 10 years; `r <= g_T` is
//! refused (the terminal value would be infinite or negative).

pub mod solve;
mod text;

use super::dataset::Dataset;
use super::format;
use super::metrics::{self, Metrics};
use super::scenario::{self, Scenario};

pub use solve::{GROWTH_SEARCH_HIGH, GROWTH_SEARCH_LOW};
pub use text::{ordinal, per_year};

/// Default discount rate, % per year.
pub const DEFAULT_DISCOUNT_PCT: f64 = 9.0;
/// Default terminal growth, % per year.
pub const DEFAULT_TERMINAL_PCT: f64 = 3.0;
/// Default years of explicit cash flows.
pub const DEFAULT_YEARS: u32 = 10;
/// Most years of explicit cash flows.
pub const MAX_YEARS: u32 = 30;
/// Terminal growth below this (% per year) is refused: the formula needs `1 + g_T > 0`.
pub const MIN_TERMINAL_PCT: f64 = -50.0;
/// Discount rate above this (% per year) is refused as a slip.
pub const MAX_DISCOUNT_PCT: f64 = 100.0;
/// A revenue multiple beyond these bounds suggests the market cap is in another scale.
const UNIT_SLIP_MULTIPLES: (f64, f64) = (0.01, 1000.0);

/// The valuation's parameters, in percent (as typed and shown).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValuationParams {
    /// Discount rate `r`, % per year.
    pub discount_pct: f64,
    /// Terminal growth `g_T`, % per year.
    pub terminal_growth_pct: f64,
    /// Years `N` of explicit cash flows.
    pub years: u32,
}

impl Default for ValuationParams {
    fn default() -> Self {
        Self {
            discount_pct: DEFAULT_DISCOUNT_PCT,
            terminal_growth_pct: DEFAULT_TERMINAL_PCT,
            years: DEFAULT_YEARS,
        }
    }
}

impl ValuationParams {
    /// Refuses parameters the formula cannot use, with the reason.
    pub fn check(&self) -> Result<(), ValuationError> {
        let (r, g) = (self.discount_pct, self.terminal_growth_pct);
        if !r.is_finite() || r > MAX_DISCOUNT_PCT {
            return Err(ValuationError::Discount(r));
        }
        if !g.is_finite() || g < MIN_TERMINAL_PCT {
            return Err(ValuationError::Terminal(g));
        }
        if r <= g {
            return Err(ValuationError::DiscountNotAboveTerminal {
                discount: r,
                terminal: g,
            });
        }
        if !(1..=MAX_YEARS).contains(&self.years) {
            return Err(ValuationError::Years(self.years));
        }
        Ok(())
    }
}

/// Why there is no valuation card at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ValuationError {
    /// The dataset has no market cap.
    #[error(
        "no market cap in the dataset: add `market_cap: (value: ..., as_of: \"...\")` in {units}, the figures' units (optionally with `net_cash: ...`)"
    )]
    NoMarketCap {
        /// "USD billions".
        units: String,
    },
    /// A market cap of zero or below.
    #[error("the market cap is {0}: it must be above zero to compare anything with it")]
    MarketCapNotPositive(String),
    /// `r <= g_T`.
    #[error(
        "the discount rate ({discount}%) must be above the terminal growth ({terminal}%): otherwise the terminal value is infinite"
    )]
    DiscountNotAboveTerminal {
        /// r, %.
        discount: f64,
        /// g_T, %.
        terminal: f64,
    },
    /// A discount rate that is not a number or too high.
    #[error("the discount rate must be a number up to {MAX_DISCOUNT_PCT}% per year (got {0})")]
    Discount(f64),
    /// A terminal growth that is not a number or too low.
    #[error("the terminal growth must be a number from {MIN_TERMINAL_PCT}% per year (got {0})")]
    Terminal(f64),
    /// Years out of range.
    #[error("the years of cash flows must be between 1 and {MAX_YEARS} (got {0})")]
    Years(u32),
    /// No years to value.
    #[error("the dataset has no years")]
    NoYears,
}

/// Why one part of the card (scenario value or priced-in growth) has no figure.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ValueProblem {
    /// The scenario projects no free cash flow.
    #[error(
        "no free cash flow to value: the last year ({year}) has no `free_cash_flow` (add it to the dataset)"
    )]
    NoFcf {
        /// The last actual year.
        year: i32,
    },
    /// Free cash flow at the end of the cash-flow years is not positive.
    #[error(
        "free cash flow is {fcf} in {year}: a terminal value of losses forever is no value; move the FCF levers to see one"
    )]
    NegativeFcf {
        /// The last year of cash flows.
        year: i32,
        /// Its free cash flow, formatted.
        fcf: String,
    },
    /// A FCF margin of zero or below: no growth reaches a positive target.
    #[error(
        "not reachable: at a {margin} FCF margin no growth makes the cash flow worth a positive market cap"
    )]
    MarginNotPositive {
        /// The margin, formatted.
        margin: String,
    },
    /// Net cash at or above the market cap.
    #[error("not reachable: net cash ({net_cash}) is at or above the market cap ({market_cap})")]
    TargetNotPositive {
        /// Net cash, formatted.
        net_cash: String,
        /// Market cap, formatted.
        market_cap: String,
    },
    /// The last actual revenue is not positive.
    #[error("not reachable: revenue in {year} is not positive, so there is nothing to grow")]
    RevenueNotPositive {
        /// The last actual year.
        year: i32,
    },
    /// The projected figures are too large for floating point.
    #[error("the projected cash flows overflow (figures near 1e308): no value can be computed")]
    Overflow,
    /// No growth in the searched range gives the target.
    #[error(
        "not reachable: growth from -50%/yr to +200%/yr gives values from {low} to {high}, and the target is {target}"
    )]
    NotReachable {
        /// Value at -50%/yr, formatted.
        low: String,
        /// Value at +200%/yr, formatted.
        high: String,
        /// The target, formatted.
        target: String,
    },
}

/// Market cap over revenue, gross profit and free cash flow in one year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Multiples {
    /// The year whose figures the market cap is divided by.
    pub year: i32,
    /// Whether the year is projected.
    pub projected: bool,
    /// Market cap / revenue (`None` when revenue is not positive).
    pub revenue: Option<f64>,
    /// Market cap / gross profit.
    pub gross_profit: Option<f64>,
    /// Market cap / free cash flow.
    pub free_cash_flow: Option<f64>,
}

/// What the scenario is worth.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioValue {
    /// Present value of the `N` years of free cash flow.
    pub pv_cash_flows: f64,
    /// Present value of the terminal value.
    pub pv_terminal: f64,
    /// Their sum (the enterprise value of the cash flows).
    pub enterprise_value: f64,
    /// Enterprise value plus net cash: compared with the market cap.
    pub value: f64,
    /// `value / market cap - 1`.
    pub vs_market_cap: f64,
    /// First and last year of the cash flows.
    pub years: (i32, i32),
}

/// The growth the market cap implies.
#[derive(Debug, Clone, PartialEq)]
pub struct PricedIn {
    /// Constant revenue growth per year (a fraction).
    pub growth: f64,
    /// The FCF margin it assumes (the scenario's, at its horizon).
    pub fcf_margin: f64,
    /// Years of growth.
    pub years: u32,
    /// The value it reaches: market cap less net cash.
    pub target: f64,
}

/// The valuation card.
#[derive(Debug, Clone, PartialEq)]
pub struct Valuation {
    /// Parameters used.
    pub params: ValuationParams,
    /// Market cap.
    pub market_cap: f64,
    /// Its date, as written.
    pub as_of: String,
    /// Net cash (negative: net debt), when given.
    pub net_cash: Option<f64>,
    /// Multiples in the last actual year.
    pub actual: Multiples,
    /// Multiples in the scenario's horizon year.
    pub horizon: Multiples,
    /// What the scenario is worth, or why not.
    pub scenario_value: Result<ScenarioValue, ValueProblem>,
    /// The growth priced in, or why it cannot be found.
    pub priced_in: Result<PricedIn, ValueProblem>,
    /// Warnings about the inputs (a likely unit slip).
    pub notes: Vec<String>,
}

/// The valuation of `scenario` on `dataset` with `params`: multiples, scenario value and
/// priced-in growth. An error means no card at all (no market cap, bad parameters);
/// a part that cannot be computed carries its own reason.
pub fn valuation(
    dataset: &Dataset,
    m: &Metrics,
    scenario: &Scenario,
    params: &ValuationParams,
) -> Result<Valuation, ValuationError> {
    let money = |v: f64| format::money(v, &dataset.currency, dataset.scale);
    let mc = dataset
        .market_cap
        .as_ref()
        .ok_or_else(|| ValuationError::NoMarketCap {
            units: dataset.units_label(),
        })?;
    if mc.value <= 0.0 || !mc.value.is_finite() {
        return Err(ValuationError::MarketCapNotPositive(money(mc.value)));
    }
    params.check()?;
    let last = dataset.years.last().ok_or(ValuationError::NoYears)?;
    let cap = mc.value;
    let net_cash = mc.net_cash.filter(|v| v.is_finite());
    let mult =
        |year: i32, projected: bool, rev: f64, gp: Option<f64>, fcf: Option<f64>| Multiples {
            year,
            projected,
            revenue: metrics::margin(cap, rev),
            gross_profit: gp.and_then(|g| metrics::margin(cap, g)),
            free_cash_flow: fcf.and_then(|f| metrics::margin(cap, f)),
        };
    let actual = mult(
        last.year,
        false,
        last.revenue,
        last.gross_profit,
        last.free_cash_flow,
    );
    let shown = scenario::project(dataset, m, scenario);
    let horizon = shown.years.last().map_or(actual, |y| {
        mult(y.year, true, y.revenue, y.gross_profit, y.free_cash_flow)
    });
    let weights = solve::weights(params);
    let long = scenario::project_years(dataset, m, scenario, params.years);
    let fcf: Option<Vec<f64>> = long.years.iter().map(|y| y.free_cash_flow).collect();
    let scenario_value = match fcf {
        None => Err(ValueProblem::NoFcf { year: last.year }),
        Some(fcf) => scenario_value(params, &weights, &fcf, &long, net_cash, cap, &money),
    };
    let margin = shown.years.last().and_then(|y| y.margins.fcf);
    let priced_in = priced_in(&weights, margin, last, net_cash, cap, params, &money);
    let mut notes = Vec::new();
    if let Some(x) = actual.revenue
        && !(UNIT_SLIP_MULTIPLES.0..=UNIT_SLIP_MULTIPLES.1).contains(&x)
    {
        notes.push(format!(
            "the market cap is {} revenue: is it written in {}, like the figures?",
            format::multiple(x),
            dataset.units_label()
        ));
    }
    Ok(Valuation {
        params: *params,
        market_cap: cap,
        as_of: mc.as_of.clone(),
        net_cash,
        actual,
        horizon,
        scenario_value,
        priced_in,
        notes,
    })
}

fn scenario_value(
    params: &ValuationParams,
    weights: &[f64],
    fcf: &[f64],
    long: &scenario::Projection,
    net_cash: Option<f64>,
    cap: f64,
    money: &dyn Fn(f64) -> String,
) -> Result<ScenarioValue, ValueProblem> {
    let (Some(first), Some(end)) = (long.years.first(), long.years.last()) else {
        return Err(ValueProblem::NoFcf {
            year: long.base_year,
        });
    };
    let fcf_n = end.free_cash_flow.unwrap_or(0.0);
    if fcf_n <= 0.0 {
        return Err(ValueProblem::NegativeFcf {
            year: end.year,
            fcf: money(fcf_n),
        });
    }
    let enterprise_value = solve::discounted(weights, fcf);
    let pv_terminal = solve::terminal_weight(params) * fcf_n;
    if !(enterprise_value.is_finite() && pv_terminal.is_finite()) {
        return Err(ValueProblem::Overflow);
    }
    let value = enterprise_value + net_cash.unwrap_or(0.0);
    Ok(ScenarioValue {
        pv_cash_flows: enterprise_value - pv_terminal,
        pv_terminal,
        enterprise_value,
        value,
        vs_market_cap: value / cap - 1.0,
        years: (first.year, end.year),
    })
}

fn priced_in(
    weights: &[f64],
    margin: Option<f64>,
    last: &super::dataset::Year,
    net_cash: Option<f64>,
    cap: f64,
    params: &ValuationParams,
    money: &dyn Fn(f64) -> String,
) -> Result<PricedIn, ValueProblem> {
    let Some(m) = margin else {
        return Err(ValueProblem::NoFcf { year: last.year });
    };
    if last.revenue <= 0.0 {
        return Err(ValueProblem::RevenueNotPositive { year: last.year });
    }
    if m <= 0.0 {
        return Err(ValueProblem::MarginNotPositive {
            margin: format::percent(m),
        });
    }
    let target = cap - net_cash.unwrap_or(0.0);
    if target <= 0.0 {
        return Err(ValueProblem::TargetNotPositive {
            net_cash: money(net_cash.unwrap_or(0.0)),
            market_cap: money(cap),
        });
    }
    let base_fcf = m * last.revenue;
    if !base_fcf.is_finite() {
        return Err(ValueProblem::Overflow);
    }
    match solve::solve_growth(weights, base_fcf, target) {
        solve::Solve::Growth(g) => Ok(PricedIn {
            growth: g,
            fcf_margin: m,
            years: params.years,
            target,
        }),
        solve::Solve::TooHigh { .. } | solve::Solve::TooLow { .. } => {
            Err(ValueProblem::NotReachable {
                low: money(solve::value_at_growth(weights, base_fcf, GROWTH_SEARCH_LOW)),
                high: money(solve::value_at_growth(
                    weights,
                    base_fcf,
                    GROWTH_SEARCH_HIGH,
                )),
                target: money(target),
            })
        }
    }
}
