//! `hive serve [--demo]`, `hive migrate`, `hive seed --demo`. Failures print one line on stderr
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
    /// Add demo data (only what is missing), then exit.
    Seed {
        #[arg(long, required = true)]
        demo: bool,
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
        Command::Seed { .. } => {
            let settings = Settings::load(true)?;
            let database = db::open(&settings.database).await?;
            let added = seed::seed_demo(database.store.as_ref())
                .await
                .map_err(|e| StartupError::new(format!("seeding failed: {e}")))?
                + seed::seed_demo_record(database.store.as_ref())
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
