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
}
