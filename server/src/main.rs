use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    hive_server::cli::main().await
}
