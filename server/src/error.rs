/// A reason Hive cannot start, said in one line that names what to fix. It never holds a
/// secret: callers build it from paths, setting names and driver messages, never from URLs.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct StartupError(String);

impl StartupError {
    pub fn new(message: impl Into<String>) -> StartupError {
        StartupError(message.into())
    }
}
