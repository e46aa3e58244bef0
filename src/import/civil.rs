//! Calendar dates (proleptic Gregorian), the one place the importers read and write
//! them: SEC period ends and starts, date headers of tables, and the date in a written
//! file's header. A date that does not exist (`2024-02-31`, `2023-02-29`) is refused
//! rather than rolled into the next month, so a mistyped period never passes for a year.
//!
//! Day counts are days since 1970-01-01, by the days-from-civil and civil-from-days
//! algorithms of Howard Hinnant's date library, written out here.

use std::fmt;

/// A calendar date that exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    year: i64,
    month: u8,
    day: u8,
}

/// Whether `year` has a 29 February.
pub fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in `month` (1-12) of `year`; 0 for a month that does not exist.
pub fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date, if it exists (month 1-12, day within the month).
    pub fn new(year: i64, month: u8, day: u8) -> Option<Self> {
        (day >= 1 && day <= days_in_month(year, month)).then_some(Self { year, month, day })
    }

    /// A date written `YYYY-MM-DD` at the start of `text` (anything after the tenth
    /// character, such as a time, is ignored); `None` if malformed or not a real date.
    pub fn parse(text: &str) -> Option<Self> {
        let head = text.get(..10)?.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = head.get(r)?;
            if !part.iter().all(u8::is_ascii_digit) {
                return None;
            }
            std::str::from_utf8(part).ok()?.parse().ok()
        };
        if head.get(4) != Some(&b'-') || head.get(7) != Some(&b'-') {
            return None;
        }
        let year = digits(0..4)?;
        let month = u8::try_from(digits(5..7)?).ok()?;
        let day = u8::try_from(digits(8..10)?).ok()?;
        Self::new(i64::from(year), month, day)
    }

    /// The date `days` days after 1970-01-01 (before it, when negative).
    pub fn from_days(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        // month is 1..=12 and day 1..=31 by construction.
        Self {
            year,
            month: month as u8,
            day: day as u8,
        }
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { self.year - 1 } else { self.year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The calendar year (proleptic Gregorian).
    pub fn year(self) -> i64 {
        self.year
    }

    /// The month, 1-12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_dates_round_trip() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(-1).to_string(), "1969-12-31");
        // 2024 is a leap year: 54 years of days (13 of them leap) plus Jan and 28 of Feb.
        assert_eq!(Date::from_days(19_782).to_string(), "2024-02-29");
        // From the year 53 to 9909, every date written as four digits reads back.
        for days in (-700_000..2_900_000).step_by(997) {
            let d = Date::from_days(days);
            assert_eq!(d.days(), days);
            assert_eq!(Date::parse(&d.to_string()), Some(d), "{d}");
        }
    }

    #[test]
    fn only_real_dates_parse() {
        assert_eq!(Date::parse("2024-02-29").map(Date::days), Some(19_782));
        assert_eq!(Date::parse("2024-12-31T00:00:00").map(Date::day), Some(31));
        for bad in [
            "2024-02-31",
            "2023-02-29",
            "1900-02-29",
            "2024-04-31",
            "2024-13-01",
            "2024-00-10",
            "2024-01-00",
            "2024-1-015",
            "2024/01/15",
            "+024-01-15",
            "2024-01-1",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2000-02-29").is_some(), "2000 is a leap year");
        assert_eq!(days_in_month(2100, 2), 28);
    }
}
