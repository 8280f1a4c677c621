//! Dates and times as people in Manchester read them: UK local time (GMT, or BST from 01:00 UTC
//! on the last Sunday of March to 01:00 UTC on the last Sunday of October), worked out here so
//! the server and the browser agree without a time-zone database.

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

/// (year, month 1-12, day) of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// Days since 1970-01-01 of a civil date.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The last Sunday of a month, as days since 1970-01-01.
fn last_sunday(year: i64, month: u32) -> i64 {
    let last = days_from_civil(year, month, 31);
    // 1970-01-01 was a Thursday; Sunday is weekday 0 counting from Sunday.
    let weekday = (last + 4).rem_euclid(7);
    last - weekday
}

/// UK local time of a Unix millisecond instant, as (days since epoch, minutes into the day).
fn uk_local(millis: i64) -> (i64, i64) {
    let utc_minutes = millis.div_euclid(60_000);
    let (year, _, _) = civil(utc_minutes.div_euclid(1440));
    let starts = last_sunday(year, 3) * 1440 + 60;
    let ends = last_sunday(year, 10) * 1440 + 60;
    let local = if (starts..ends).contains(&utc_minutes) {
        utc_minutes + 60
    } else {
        utc_minutes
    };
    (local.div_euclid(1440), local.rem_euclid(1440))
}

/// The UK calendar date of an instant: (year, month 1-12, day).
pub fn uk_day(millis: i64) -> (i64, u32, u32) {
    civil(uk_local(millis).0)
}

/// The instant UK local midnight begins the day after (year, month, day): when a grant whose
/// last day that is stops. Near the clock change it may be an hour out, in the person's favour
/// or against by an hour; never a day.
pub fn uk_end_of_day(year: i64, month: u32, day: u32) -> i64 {
    let next = days_from_civil(year, month, day) + 1;
    let utc = next * 86_400_000;
    // In BST local midnight is 23:00 UTC the day before.
    let (_, minutes) = uk_local(utc);
    utc - minutes * 60_000
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
    let (next_year, next_month) = if month >= 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    let last = civil(days_from_civil(next_year, next_month, 1) - 1);
    uk_end_of_day(last.0, last.1, last.2)
}

/// The instant the UK week (Monday to Sunday) holding `millis` began: local midnight on Monday.
pub fn uk_week_start(millis: i64) -> i64 {
    let (days, _) = uk_local(millis);
    // 1970-01-01 was a Thursday: Monday is weekday 0 three days before it.
    let monday = days - (days + 3).rem_euclid(7);
    let sunday = civil(monday - 1);
    uk_end_of_day(sunday.0, sunday.1, sunday.2)
}

/// "November 2026".
pub fn month_label(year: i64, month: u32) -> String {
    let name = MONTHS.get(month.wrapping_sub(1) as usize).unwrap_or(&"");
    format!("{name} {year}")
}

/// "22 November 2026".
pub fn uk_date(millis: i64) -> String {
    let (days, _) = uk_local(millis);
    let (year, month, day) = civil(days);
    date_label(year, month, day)
}

/// "22 November 2026" for a calendar date (month 1-12).
pub fn date_label(year: i64, month: u32, day: u32) -> String {
    let name = MONTHS.get(month.wrapping_sub(1) as usize).unwrap_or(&"");
    format!("{day} {name} {year}")
}

/// "22 November 2026 at 5:07pm".
pub fn uk_date_time(millis: i64) -> String {
    let (_, minutes) = uk_local(millis);
    let (hour, minute) = (minutes / 60, minutes % 60);
    let (twelve, half) = match hour {
        0 => (12, "am"),
        1..=11 => (hour, "am"),
        12 => (12, "pm"),
        _ => (hour - 12, "pm"),
    };
    format!("{} at {twelve}:{minute:02}{half}", uk_date(millis))
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

    #[test]
    fn the_clocks_change_at_one_in_the_morning_utc_on_the_last_sundays() {
        // 2026-03-29 is the last Sunday of March; 2026-10-25 of October.
        let march = days_from_civil(2026, 3, 29) * 86_400_000;
        assert_eq!(
            uk_date_time(march + 59 * 60_000),
            "29 March 2026 at 12:59am"
        );
        assert_eq!(uk_date_time(march + 60 * 60_000), "29 March 2026 at 2:00am");
        let october = days_from_civil(2026, 10, 25) * 86_400_000;
        assert_eq!(
            uk_date_time(october + 59 * 60_000),
            "25 October 2026 at 1:59am"
        );
        assert_eq!(
            uk_date_time(october + 60 * 60_000),
            "25 October 2026 at 1:00am"
        );
    }

    #[test]
    fn civil_dates_round_trip() {
        for days in [-1, 0, 59, 60, 365, 11_016, 20_000, 100_000] {
            let (y, m, d) = civil(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil(0), (1970, 1, 1));
    }

    /// The calendar day after `(y, m, d)`, worked out the long way: the oracle for `civil`.
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

    #[test]
    fn every_day_follows_the_one_before_across_four_centuries() {
        // Rule: civil and days_from_civil agree with the Gregorian calendar on every day from
        // 1559 to 2408 (the 400-year eras beginning 1600 and 2000 and 2400, the century years
        // 1700, 1800, 1900 and 2100 that are not leap years, and every month's first day).
        let mut expected = (1559, 4, 26);
        for days in -150_000..160_000 {
            assert_eq!(civil(days), expected, "day {days}");
            assert_eq!(
                days_from_civil(expected.0, expected.1, expected.2),
                days,
                "{expected:?}"
            );
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
            assert_eq!(civil(days), date, "{days}");
            assert_eq!(days_from_civil(date.0, date.1, date.2), days, "{date:?}");
        }
    }

    #[test]
    fn the_last_sunday_is_found_even_when_it_is_the_31st() {
        // Rule: the clocks change on the last Sunday of March and of October, which may be the
        // 31st itself (2024-03-31, 2100-10-31), and before 1970 too.
        assert_eq!(last_sunday(2026, 3), 20_541);
        assert_eq!(last_sunday(1969, 3), -277);
        for ((year, month), sunday) in [
            ((2024, 3), (2024, 3, 31)),
            ((2024, 10), (2024, 10, 27)),
            ((2025, 3), (2025, 3, 30)),
            ((2025, 10), (2025, 10, 26)),
            ((2026, 3), (2026, 3, 29)),
            ((2026, 10), (2026, 10, 25)),
            ((1969, 3), (1969, 3, 30)),
            ((1969, 10), (1969, 10, 26)),
            ((2100, 3), (2100, 3, 28)),
            ((2100, 10), (2100, 10, 31)),
        ] {
            assert_eq!(civil(last_sunday(year, month)), sunday, "{year}-{month}");
        }
    }

    #[test]
    fn the_clocks_change_at_one_utc_in_other_years_too() {
        // Rule: BST runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
        // Sunday of October, whichever day of the month that is.
        let at = |year, month, day, minutes: i64| {
            days_from_civil(year, month, day) * 86_400_000 + minutes * 60_000
        };
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
        // Rule: negative milliseconds are floored, not truncated, to minutes and days.
        assert_eq!(uk_day(-1), (1969, 12, 31));
        assert_eq!(uk_date(-1), "31 December 1969");
        assert_eq!(uk_date_time(-60_000), "31 December 1969 at 11:59pm");
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
