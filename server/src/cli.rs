//! `hive serve [--demo]`, `hive migrate`, `hive seed --demo`, `hive seed --scale`. Failures print one line on stderr
//! and exit non-zero; logs go to stdout.

use crate::config::Settings;
use crate::error::StartupError;
use crate::{db, seed, web};
use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "hive",
    version,
    about = "Hive: a person-held care record and feedback portal"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web service (the default).
    Serve {
        /// Seed demo data and offer demo sign-in. Refused on a non-loopback address.
        #[arg(long)]
        demo: bool,
    },
    /// Bring the database schema up to date, then exit.
    Migrate,
    /// Add demo data (only what is missing), or city-size data for measuring Hive, then exit.
    #[command(group(clap::ArgGroup::new("what").required(true).args(["demo", "scale"])))]
    Seed {
        /// The demo's places, people, records, feedback and campaign.
        #[arg(long)]
        demo: bool,
        /// A Manchester-size data set (into a new database): residents across the 32 wards,
        /// staff in every team, records shared with the teams, access logs and two years of
        /// feedback. The sizes below default to the city's.
        #[arg(long)]
        scale: bool,
        /// Every size at this percentage of the city's (e.g. 10).
        #[arg(long, requires = "scale", default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=1000))]
        percent: u32,
        /// Residents (default 550,000 at 100 %).
        #[arg(long, requires = "scale")]
        residents: Option<u64>,
        /// Residents who keep and share a record, in percent.
        #[arg(long, requires = "scale", default_value_t = 20, value_parser = clap::value_parser!(u32).range(0..=100))]
        sharing_percent: u32,
        /// Goal versions in all (default 2,000,000 at 100 %).
        #[arg(long, requires = "scale")]
        goal_versions: Option<u64>,
        /// Feedback answers over two years (default 2,000,000 at 100 %).
        #[arg(long, requires = "scale")]
        feedback: Option<u64>,
        /// Staff in each of the 12 teams.
        #[arg(long, requires = "scale", default_value_t = 40, value_parser = clap::value_parser!(u32).range(2..=1000))]
        staff_per_team: u32,
        /// The seed of the made-up data: the same seed gives the same data.
        #[arg(long, requires = "scale", default_value_t = 1)]
        seed: u64,
    },
    /// Manage administrators from the command line.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Add an administrator to the staff directory. Their first sign-in through a staff
    /// identity provider with this email claims the entry.
    Add {
        /// Their work email address, as their identity provider gives it.
        #[arg(long)]
        email: String,
        /// Their full name.
        #[arg(long)]
        name: String,
    },
}

pub async fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    log_panics_without_their_messages();
    match run(cli.command.unwrap_or(Command::Serve { demo: false })).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("hive: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> Result<(), StartupError> {
    match command {
        Command::Serve { demo } => web::serve(Settings::load(demo)?).await,
        Command::Migrate => {
            let settings = Settings::load(false)?;
            let database = db::open(&settings.database).await?;
            println!("hive: the {} database is up to date", database.backend);
            Ok(())
        }
        Command::Seed {
            scale: true,
            percent,
            residents,
            sharing_percent,
            goal_versions,
            feedback,
            staff_per_team,
            seed,
            ..
        } => {
            let base = seed::scale::ScaleOptions::percent(percent);
            let options = seed::scale::ScaleOptions {
                residents: residents.unwrap_or(base.residents),
                sharing_percent,
                goal_versions: goal_versions.unwrap_or(base.goal_versions),
                feedback: feedback.unwrap_or(base.feedback),
                staff_per_team,
                seed,
            };
            let settings = Settings::load(true)?;
            let database = db::open(&settings.database).await?;
            println!(
                "hive: writing city-scale data to the {} database: {} residents, {} % sharing, ~{} goal versions, {} feedback answers (seed {})",
                database.backend,
                options.residents,
                options.sharing_percent,
                options.goal_versions,
                options.feedback,
                options.seed
            );
            let report = seed::scale::seed_scale(
                database.store.as_ref(),
                &database.bulk,
                &options,
                &mut |line| println!("hive: {line}"),
            )
            .await
            .map_err(|e| StartupError::new(format!("seeding failed: {e}")))?;
            for (table, rows) in &report.rows {
                println!("hive:   {table:<18} {rows:>10}");
            }
            println!(
                "hive: city-scale data seeded: {} rows in {:.1} s",
                report.total(),
                report.seconds
            );
            Ok(())
        }
        Command::Seed { .. } => {
            let settings = Settings::load(true)?;
            let database = db::open(&settings.database).await?;
            let added = seed::seed_demo(database.store.as_ref())
                .await
                .map_err(|e| StartupError::new(format!("seeding failed: {e}")))?
                + seed::seed_demo_record(database.store.as_ref())
                    .await
                    .map_err(|e| StartupError::new(format!("seeding failed: {e}")))?
                + seed::seed_demo_directory(database.store.as_ref())
                    .await
                    .map_err(|e| StartupError::new(format!("seeding failed: {e}")))?;
            println!("hive: demo data seeded ({added} rows added)");
            Ok(())
        }
        Command::Admin {
            command: AdminCommand::Add { email, name },
        } => {
            let settings = Settings::load(false)?;
            let database = db::open(&settings.database).await?;
            match crate::admin::add_admin(database.store.as_ref(), &email, &name).await? {
                true => println!("hive: added an administrator; they can now sign in"),
                false => println!("hive: someone with that email is already in the directory"),
            }
            Ok(())
        }
    }
}

/// Logs carry request ids, routes and timings, never personal data. `HIVE_LOG` filters them
/// (default `info`), `HIVE_LOG_FORMAT=json` makes them machine-readable.
fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("HIVE_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_sessions=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stdout);
    let _ = if std::env::var("HIVE_LOG_FORMAT").is_ok_and(|f| f == "json") {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// A panic is logged with where it happened, not its message: a message can quote the value
/// being handled (a slice of someone's text, say), and logs never hold personal data. The
/// request that panicked is answered 500 (`web::answer_panic`).
fn log_panics_without_their_messages() {
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|place| format!("{}:{}", place.file(), place.line()))
            .unwrap_or_default();
        let thread = std::thread::current();
        tracing::error!(at = %at, thread = thread.name().unwrap_or("-"), "panicked");
    }));
}

#[cfg(test)]
mod panic_tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_panic_is_logged_with_its_place_not_its_message() {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        let earlier = std::panic::take_hook();
        super::log_panics_without_their_messages();
        let line = line!() + 3;
        let outcome = tracing::subscriber::with_default(subscriber, || {
            std::panic::catch_unwind(|| {
                panic!("byte index 3 is not a char boundary of `Margaret's private words`")
            })
        });
        std::panic::set_hook(earlier);
        assert!(outcome.is_err());
        let logged = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        assert!(logged.contains("panicked"), "{logged}");
        assert!(logged.contains(&format!("cli.rs:{line}")), "{logged}");
        assert!(!logged.contains("private words"), "{logged}");
    }
}
