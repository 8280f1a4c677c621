//! Leptos' reactive owners, as the server uses them: a request's owner tree is dropped on one
//! thread (the client went away) while a task it spawned still looks up a context on another.
//! reactive_graph 0.2.16 could deadlock that thread for good: its context lookup held the
//! task's own owner locked while it dropped the last handle to an ancestor, whose clean-up
//! then waited for that same lock. Seen on a Hive under load: a server worker stuck in
//! `use_context`, and the process unable to stop. Fixed in `vendor/reactive_graph`.

use leptos::prelude::{Owner, provide_context, use_context};
use std::sync::mpsc;
use std::time::Duration;

#[derive(Clone)]
struct Request(u32);

#[test]
fn a_context_lookup_survives_its_request_ending_on_another_thread() {
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        for round in 0..2_000 {
            let root = Owner::new();
            root.with(|| provide_context(Request(round)));
            let page = root.child();
            let task = page.child();
            let (started, go) = mpsc::channel();
            let lookups = std::thread::spawn(move || {
                started.send(()).unwrap();
                // Until the request has gone, as a spawned task would.
                while let Some(Request(seen)) = task.with(use_context::<Request>) {
                    assert_eq!(seen, round);
                }
            });
            go.recv().unwrap();
            std::thread::sleep(Duration::from_micros(u64::from(round % 50)));
            drop(page);
            drop(root);
            lookups.join().unwrap();
        }
        done.send(()).unwrap();
    });
    finished
        .recv_timeout(Duration::from_secs(60))
        .expect("a context lookup deadlocked when its request's owners were dropped");
}
