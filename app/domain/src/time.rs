//! Dates and times as people in Manchester read them: UK local time, from the IANA time-zone
//! database's Europe/London zone, read by `jiff` (a well-kept date library). The zone is built
//! into the program at compile time (`jiff::tz::get!`), so the server and the browser (this
//! module is in the WebAssembly too) agree without a time-zone database at run time; a change
//! to the UK's rules arrives with a jiff update.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};

static UK: TimeZone = jiff::tz::get!("Europe/London");

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The instant of Unix milliseconds, held to the range jiff covers (years -9999 to 9999).
fn instant(millis: i64) -> Timestamp {
    Timestamp::from_millisecond(millis).unwrap_or(if millis.is_negative() {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

/// UK local date and time of an instant.
fn local(millis: i64) -> DateTime {
    UK.to_datetime(instant(millis))
}

/// A calendar date, held to what exists: the year to jiff's range, the month to 1-12 and the
/// day to the month's length (callers pass checked dates; this only keeps every input total).
fn date(year: i64, month: u32, day: u32) -> Date {
    let year = year.clamp(-9999, 9999) as i16;
    let month = month.clamp(1, 12) as i8;
    let first = Date::new(year, month, 1).unwrap_or_default();
    let day = i8::try_from(day).unwrap_or(i8::MAX);
    Date::new(year, month, day.clamp(1, first.days_in_month())).unwrap_or(first)
}

/// The instant UK local midnight begins `day`. (Midnight is never skipped or repeated in the UK:
/// the clocks change at 01:00 UTC.)
fn midnight(day: Date) -> i64 {
    let beyond = if day.year().is_negative() {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    };
    UK.to_timestamp(day.to_datetime(Time::midnight()))
        .unwrap_or(beyond)
        .as_millisecond()
}

/// The instant UK local midnight begins the day after `day`.
fn midnight_after(day: Date) -> i64 {
    day.tomorrow()
        .map_or(Timestamp::MAX.as_millisecond(), midnight)
}

fn triple(day: Date) -> (i64, u32, u32) {
    (
        day.year().into(),
        day.month().unsigned_abs().into(),
        day.day().unsigned_abs().into(),
    )
}

/// The UK calendar date of an instant: (year, month 1-12, day).
pub fn uk_day(millis: i64) -> (i64, u32, u32) {
    triple(local(millis).date())
}

/// The instant UK local midnight begins the day after (year, month, day): when a grant whose
/// last day that is stops.
pub fn uk_end_of_day(year: i64, month: u32, day: u32) -> i64 {
    midnight_after(date(year, month, day))
}

/// The UK calendar month of an instant: (year, month 1-12).
pub fn uk_month(millis: i64) -> (i64, u32) {
    let (year, month, _) = uk_day(millis);
    (year, month)
}

/// The month before (year, month).
pub fn previous_month(year: i64, month: u32) -> (i64, u32) {
    if month <= 1 {
        (year - 1, 12)
    } else {
        (year, month - 1)
    }
}

/// The instant a UK calendar month ends (local midnight as the next month begins).
pub fn uk_month_end(year: i64, month: u32) -> i64 {
    midnight_after(date(year, month, 1).last_of_month())
}

/// The instant the UK week (Monday to Sunday) holding `millis` began: local midnight on Monday.
pub fn uk_week_start(millis: i64) -> i64 {
    let day = local(millis).date();
    let back = Span::new().days(day.weekday().to_monday_zero_offset());
    day.checked_sub(back)
        .map_or(Timestamp::MIN.as_millisecond(), midnight)
}

/// "November 2026".
pub fn month_label(year: i64, month: u32) -> String {
    let name = MONTHS.get(month.wrapping_sub(1) as usize).unwrap_or(&"");
    format!("{name} {year}")
}

/// "22 November 2026".
pub fn uk_date(millis: i64) -> String {
    let (year, month, day) = uk_day(millis);
    date_label(year, month, day)
}

/// "22 November 2026" for a calendar date (month 1-12).
pub fn date_label(year: i64, month: u32, day: u32) -> String {
    let name = MONTHS.get(month.wrapping_sub(1) as usize).unwrap_or(&"");
    format!("{day} {name} {year}")
}

/// "22 November 2026 at 5:07pm".
pub fn uk_date_time(millis: i64) -> String {
    let at = local(millis);
    let (hour, minute) = (at.hour(), at.minute());
    let (twelve, half) = match hour {
        0 => (12, "am"),
        1..=11 => (hour, "am"),
        12 => (12, "pm"),
        _ => (hour - 12, "pm"),
    };
    let (year, month, day) = triple(at.date());
    format!(
        "{} at {twelve}:{minute:02}{half}",
        date_label(year, month, day)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-11-22T17:07:00Z
    const WINTER: i64 = 1_795_367_220_000;

    #[test]
    fn a_last_day_ends_at_uk_midnight() {
        assert_eq!(uk_day(WINTER), (2026, 11, 22));
        // 2026-11-23T00:00Z is midnight in GMT.
        assert_eq!(uk_end_of_day(2026, 11, 22), 1_795_392_000_000);
        // 1 July 2026 ends at 23:00 UTC (midnight BST).
        assert_eq!(uk_end_of_day(2026, 7, 1), 1_782_946_800_000);
    }
    // 2026-07-01T23:30:00Z, 00:30 on 2 July in BST
    const SUMMER_NIGHT: i64 = 1_782_948_600_000;

    #[test]
    fn months_and_weeks_begin_at_uk_midnight() {
        // 00:30 BST on 1 July 2026 is 23:30 UTC on 30 June: it belongs to July.
        assert_eq!(uk_month(1_782_862_200_000), (2026, 7));
        // June 2026 ends at 23:00 UTC on 30 June (midnight BST); December at midnight GMT.
        assert_eq!(uk_month_end(2026, 6), 1_782_860_400_000);
        assert_eq!(uk_month_end(2026, 12), 1_798_761_600_000);
        assert_eq!(previous_month(2027, 1), (2026, 12));
        assert_eq!(month_label(2026, 11), "November 2026");
        // Sunday 22 November 2026 at 5:07pm: that week began on Monday 16 November, 00:00 GMT.
        assert_eq!(uk_week_start(WINTER), 1_794_787_200_000);
        // Wednesday 1 July 2026 (BST): Monday 29 June, 23:00 UTC on the 28th.
        assert_eq!(uk_week_start(1_782_946_000_000), 1_782_687_600_000);
    }

    #[test]
    fn winter_is_gmt() {
        assert_eq!(uk_date_time(WINTER), "22 November 2026 at 5:07pm");
    }

    #[test]
    fn summer_is_an_hour_ahead_even_across_midnight() {
        assert_eq!(uk_date(SUMMER_NIGHT), "2 July 2026");
        assert_eq!(uk_date_time(SUMMER_NIGHT), "2 July 2026 at 12:30am");
    }

    /// Midnight UTC at the start of a calendar date, in Unix milliseconds.
    fn utc(year: i16, month: i8, day: i8) -> i64 {
        TimeZone::UTC
            .to_timestamp(jiff::civil::date(year, month, day).at(0, 0, 0, 0))
            .unwrap()
            .as_millisecond()
    }

    #[test]
    fn the_clocks_change_at_one_in_the_morning_utc_on_the_last_sundays() {
        // 2026-03-29 is the last Sunday of March; 2026-10-25 of October.
        let march = utc(2026, 3, 29);
        assert_eq!(
            uk_date_time(march + 59 * 60_000),
            "29 March 2026 at 12:59am"
        );
        assert_eq!(uk_date_time(march + 60 * 60_000), "29 March 2026 at 2:00am");
        let october = utc(2026, 10, 25);
        assert_eq!(
            uk_date_time(october + 59 * 60_000),
            "25 October 2026 at 1:59am"
        );
        assert_eq!(
            uk_date_time(october + 60 * 60_000),
            "25 October 2026 at 1:00am"
        );
    }

    /// The calendar day after `(y, m, d)`, worked out the long way: the oracle for `uk_day`.
    fn next_day((y, m, d): (i64, u32, u32)) -> (i64, u32, u32) {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let length = match m {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if d < length {
            (y, m, d + 1)
        } else if m < 12 {
            (y, m + 1, 1)
        } else {
            (y + 1, 1, 1)
        }
    }

    const DAY: i64 = 86_400_000;
    /// Noon UTC is the same calendar day in the UK whatever the clocks said (GMT, BST, the
    /// double summer time of the 1940s, British Standard Time 1968-71).
    const NOON: i64 = DAY / 2;

    #[test]
    fn every_day_follows_the_one_before_across_four_centuries() {
        // Rule: uk_day agrees with the Gregorian calendar on every day from 1559 to 2408 (the
        // 400-year eras beginning 1600 and 2000 and 2400, the century years 1700, 1800, 1900
        // and 2100 that are not leap years, and every month's first day).
        let mut expected = (1559, 4, 26);
        for days in -150_000..160_000 {
            assert_eq!(uk_day(days * DAY + NOON), expected, "day {days}");
            expected = next_day(expected);
        }
        assert_eq!(expected, (2408, 1, 25));
    }

    #[test]
    fn known_dates_fall_on_their_day_counts() {
        // Rule: day counts since 1970-01-01 (from Python's datetime), leap days and century
        // years included, and negative counts before 1970.
        for (days, date) in [
            (-135_080, (1600, 3, 1)),
            (-25_567, (1900, 1, 1)),
            (-25_509, (1900, 2, 28)),
            // 1900 is not a leap year: 28 February is followed by 1 March.
            (-25_508, (1900, 3, 1)),
            (-3_594, (1960, 2, 29)),
            (-1, (1969, 12, 31)),
            (0, (1970, 1, 1)),
            (120, (1970, 5, 1)),
            (10_957, (2000, 1, 1)),
            // 2000 is a leap year (divisible by 400).
            (11_016, (2000, 2, 29)),
            (11_017, (2000, 3, 1)),
            (19_782, (2024, 2, 29)),
            (19_783, (2024, 3, 1)),
            (20_574, (2026, 5, 1)),
            (20_818, (2026, 12, 31)),
            (20_819, (2027, 1, 1)),
            // 2100 is not a leap year.
            (47_540, (2100, 2, 28)),
            (47_541, (2100, 3, 1)),
            (157_113, (2400, 2, 29)),
        ] {
            assert_eq!(uk_day(days * DAY + NOON), date, "{days}");
        }
    }

    #[test]
    fn the_clocks_change_on_the_last_sunday_even_when_it_is_the_31st() {
        // Rule: the clocks change on the last Sunday of March and of October, which may be the
        // 31st itself (2024-03-31, 2100-10-31): at 00:59 UTC that Sunday it is still the old
        // time, at 01:00 UTC the new one.
        for (year, month, sunday) in [
            (2024, 3, 31),
            (2024, 10, 27),
            (2025, 3, 30),
            (2025, 10, 26),
            (2026, 3, 29),
            (2026, 10, 25),
            (2100, 3, 28),
            (2100, 10, 31),
        ] {
            let start = utc(year, month, sunday);
            let (before, after) = if month == 3 {
                ("12:59am", "2:00am")
            } else {
                ("1:59am", "1:00am")
            };
            let day = date_label(
                year.into(),
                month.unsigned_abs().into(),
                sunday.unsigned_abs().into(),
            );
            assert_eq!(
                uk_date_time(start + 59 * 60_000),
                format!("{day} at {before}")
            );
            assert_eq!(
                uk_date_time(start + 60 * 60_000),
                format!("{day} at {after}")
            );
            // The Sunday before, the clocks go on as usual.
            let week_before = start - 7 * DAY;
            let usual = if month == 3 {
                ("12:59am", "1:00am")
            } else {
                ("1:59am", "2:00am")
            };
            let at = |millis| uk_date_time(millis).rsplit(' ').next().unwrap().to_string();
            assert_eq!(
                (at(week_before + 59 * 60_000), at(week_before + 60 * 60_000)),
                (usual.0.to_string(), usual.1.to_string()),
                "{year}-{month}"
            );
        }
    }

    #[test]
    fn the_clocks_change_at_one_utc_in_other_years_too() {
        // Rule: BST runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
        // Sunday of October, whichever day of the month that is.
        let at = |year, month, day, minutes: i64| utc(year, month, day) + minutes * 60_000;
        assert_eq!(
            uk_date_time(at(2025, 3, 30, 59)),
            "30 March 2025 at 12:59am"
        );
        assert_eq!(uk_date_time(at(2025, 3, 30, 60)), "30 March 2025 at 2:00am");
        assert_eq!(
            uk_date_time(at(2025, 10, 26, 59)),
            "26 October 2025 at 1:59am"
        );
        assert_eq!(
            uk_date_time(at(2025, 10, 26, 60)),
            "26 October 2025 at 1:00am"
        );
        assert_eq!(
            uk_date_time(at(2024, 3, 31, 59)),
            "31 March 2024 at 12:59am"
        );
        assert_eq!(uk_date_time(at(2024, 3, 31, 60)), "31 March 2024 at 2:00am");
        assert_eq!(
            uk_date_time(at(2024, 10, 27, 59)),
            "27 October 2024 at 1:59am"
        );
        assert_eq!(
            uk_date_time(at(2024, 10, 27, 60)),
            "27 October 2024 at 1:00am"
        );
    }

    #[test]
    fn instants_before_1970_are_read_on_the_right_day() {
        // Rule: negative milliseconds are floored, not truncated, to minutes and days: a
        // millisecond before 1960 is New Year's Eve 1959 (GMT that winter).
        let new_year_1960 = utc(1960, 1, 1);
        assert_eq!(uk_day(new_year_1960 - 1), (1959, 12, 31));
        assert_eq!(
            uk_date_time(new_year_1960 - 60_000),
            "31 December 1959 at 11:59pm"
        );
        // The zone's history, which hand-written rules did not know: the UK kept the clocks an
        // hour ahead all year from 1968 to 1971, so 1970 began at 23:00 UTC.
        assert_eq!(uk_date(-1), "1 January 1970");
        assert_eq!(uk_date_time(-60_000), "1 January 1970 at 12:59am");
    }

    #[test]
    fn every_hour_reads_on_the_twelve_hour_clock_in_gmt_and_bst() {
        // Rule: 00:xx is 12:xxam, 12:xx is 12:xxpm, 13:00 is 1:00pm (times from Python's
        // zoneinfo for Europe/London).
        for (millis, expected) in [
            (1_768_435_620_000, "15 January 2026 at 12:07am"),
            (1_768_478_340_000, "15 January 2026 at 11:59am"),
            (1_768_478_820_000, "15 January 2026 at 12:07pm"),
            (1_768_482_000_000, "15 January 2026 at 1:00pm"),
            (1_768_521_540_000, "15 January 2026 at 11:59pm"),
            // BST: 23:07 UTC on 14 July is 12:07am on the 15th.
            (1_784_070_420_000, "15 July 2026 at 12:07am"),
            (1_784_113_140_000, "15 July 2026 at 11:59am"),
            (1_784_113_620_000, "15 July 2026 at 12:07pm"),
            (1_784_116_800_000, "15 July 2026 at 1:00pm"),
            (1_784_156_340_000, "15 July 2026 at 11:59pm"),
        ] {
            assert_eq!(uk_date_time(millis), expected, "{millis}");
        }
    }

    #[test]
    fn days_end_at_local_midnight_on_both_sides_of_each_clock_change() {
        // Rule: a last day ends at UK midnight: 00:00 UTC in GMT, 23:00 UTC the day before in
        // BST (values from Python's zoneinfo for Europe/London).
        // Saturday 28 March 2026 ends before the change (GMT midnight).
        assert_eq!(uk_end_of_day(2026, 3, 28), 1_774_742_400_000);
        // Sunday 29 March 2026 ends in BST: 23:00 UTC.
        assert_eq!(uk_end_of_day(2026, 3, 29), 1_774_825_200_000);
        // Saturday 24 October 2026 ends still in BST.
        assert_eq!(uk_end_of_day(2026, 10, 24), 1_792_882_800_000);
        // Sunday 25 October 2026 ends in GMT.
        assert_eq!(uk_end_of_day(2026, 10, 25), 1_792_972_800_000);
        // New Year's Eve and a leap day.
        assert_eq!(uk_end_of_day(2026, 12, 31), 1_798_761_600_000);
        assert_eq!(uk_end_of_day(2024, 2, 28), 1_709_164_800_000);
        assert_eq!(uk_end_of_day(2024, 2, 29), 1_709_251_200_000);
    }

    #[test]
    fn months_end_on_their_last_day_leap_years_included() {
        // Rule: a month ends at UK midnight after its last day: February has 29 days in 2000
        // and 2024, 28 in 2100; March 2026 ends in BST, October 2026 in GMT.
        assert_eq!(uk_month_end(2024, 2), 1_709_251_200_000);
        assert_eq!(uk_month_end(2000, 2), 951_868_800_000);
        assert_eq!(uk_month_end(2100, 2), 4_107_542_400_000);
        assert_eq!(uk_month_end(2026, 1), 1_769_904_000_000);
        assert_eq!(uk_month_end(2026, 3), 1_774_998_000_000);
        assert_eq!(uk_month_end(2026, 10), 1_793_491_200_000);
        // December ends as January of the next year begins.
        assert_eq!(uk_month_end(2024, 12), 1_735_689_600_000);
        // The last millisecond of March is March's; the month end is April's.
        assert_eq!(uk_month(1_774_998_000_000 - 1), (2026, 3));
        assert_eq!(uk_month(1_774_998_000_000), (2026, 4));
    }

    #[test]
    fn weeks_begin_on_monday_at_local_midnight_across_clock_changes() {
        // Rule: the week holding an instant began at UK midnight on its Monday, GMT or BST as
        // that Monday was (values from Python's zoneinfo for Europe/London).
        // Sunday 29 March 2026, noon BST: the week began Monday 23 March, 00:00 GMT.
        assert_eq!(uk_week_start(1_774_782_000_000), 1_774_224_000_000);
        // Wednesday 1 April 2026: Monday 30 March, 00:00 BST (23:00 UTC on the 29th).
        assert_eq!(uk_week_start(1_775_041_200_000), 1_774_825_200_000);
        // That Monday's midnight is its own week's start; a millisecond before is the last
        // week's.
        assert_eq!(uk_week_start(1_774_825_200_000), 1_774_825_200_000);
        assert_eq!(uk_week_start(1_774_825_200_000 - 1), 1_774_224_000_000);
        // Sunday 25 October 2026, noon GMT: Monday 19 October, 00:00 BST.
        assert_eq!(uk_week_start(1_792_929_600_000), 1_792_364_400_000);
        // Wednesday 28 October 2026: Monday 26 October, 00:00 GMT.
        assert_eq!(uk_week_start(1_793_188_800_000), 1_792_972_800_000);
        // 23:30 UTC on Sunday 5 July 2026 is 00:30 BST on Monday 6 July: a new week.
        assert_eq!(uk_week_start(1_783_294_200_000), 1_783_292_400_000);
    }

    #[test]
    fn the_month_before_steps_back_a_month_and_a_year_in_january() {
        // Rule: previous_month goes back one month, and from January to December of the year
        // before.
        assert_eq!(previous_month(2026, 7), (2026, 6));
        assert_eq!(previous_month(2026, 12), (2026, 11));
        assert_eq!(previous_month(2026, 2), (2026, 1));
        assert_eq!(previous_month(2026, 1), (2025, 12));
    }

    #[test]
    fn dates_that_do_not_exist_are_held_to_the_calendar_and_nothing_panics() {
        // Rule: every input has an answer: a day past the month's end is its last day, a month
        // out of range the nearest, instants past jiff's range its ends.
        assert_eq!(uk_end_of_day(2026, 11, 31), uk_end_of_day(2026, 11, 30));
        assert_eq!(uk_end_of_day(2026, 2, 0), uk_end_of_day(2026, 2, 1));
        assert_eq!(uk_end_of_day(2026, 13, 1), uk_end_of_day(2026, 12, 1));
        assert_eq!(uk_month_end(2026, 0), uk_month_end(2026, 1));
        assert_eq!(uk_day(i64::MAX).0, 9999);
        assert_eq!(uk_day(i64::MIN).0, -9999);
        assert!(uk_end_of_day(99_999, 12, 31) >= uk_end_of_day(9999, 12, 30));
        assert!(!uk_date_time(i64::MIN).is_empty());
        assert!(uk_week_start(i64::MIN) <= uk_week_start(0));
    }

    #[test]
    fn labels_name_every_month_and_never_panic() {
        // Rule: month 1 is January, 12 December; a month out of range has no name rather
        // than panicking.
        assert_eq!(month_label(2027, 1), "January 2027");
        assert_eq!(month_label(2026, 12), "December 2026");
        assert_eq!(month_label(2026, 0), " 2026");
        assert_eq!(month_label(2026, 13), " 2026");
        assert_eq!(date_label(2024, 2, 29), "29 February 2024");
        assert_eq!(date_label(2027, 1, 1), "1 January 2027");
    }
}
