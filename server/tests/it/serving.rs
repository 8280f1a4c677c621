//! Static files as a browser gets them: content-hashed files cached for a year, precompressed
//! files sent as they are, anything else revalidated; pages compressed and never stored.

use crate::support::{Options, spawn_app_with, sqlite};

const HASHED: &str = "/pkg/hive.7Qm1V0bLx2kq9Z3yTt8a_w.wasm";

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(
        pkg.join("hive.7Qm1V0bLx2kq9Z3yTt8a_w.wasm"),
        b"the raw module",
    )
    .unwrap();
    std::fs::write(
        pkg.join("hive.7Qm1V0bLx2kq9Z3yTt8a_w.wasm.br"),
        b"brotli bytes",
    )
    .unwrap();
    std::fs::write(pkg.join("hive.css"), b"body { margin: 0 }").unwrap();
    std::fs::write(dir.path().join("favicon.svg"), b"<svg/>").unwrap();
    dir
}

#[tokio::test]
async fn hashed_files_are_immutable_and_sent_precompressed_to_browsers_that_take_brotli() {
    let root = site();
    let app = spawn_app_with(
        sqlite(),
        Options {
            site_root: Some(root.path().to_path_buf()),
            ..Options::default()
        },
    )
    .await;
    let get = |path: &'static str, encoding: &'static str| {
        app.client
            .get(app.url(path))
            .header("accept-encoding", encoding)
            .send()
    };

    let br = get(HASHED, "gzip, br").await.unwrap();
    assert_eq!(br.status(), 200);
    let headers = br.headers().clone();
    assert_eq!(headers["content-encoding"], "br");
    assert_eq!(
        headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(
        headers["vary"]
            .to_str()
            .unwrap()
            .contains("accept-encoding")
    );
    assert_eq!(br.bytes().await.unwrap().as_ref(), b"brotli bytes");

    let plain = get(HASHED, "identity").await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(
        plain.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(plain.bytes().await.unwrap().as_ref(), b"the raw module");

    for path in ["/pkg/hive.css", "/favicon.svg"] {
        let other = get(path, "identity").await.unwrap();
        assert_eq!(other.status(), 200, "{path}");
        assert_eq!(other.headers()["cache-control"], "no-cache", "{path}");
    }

    let missing = get("/pkg/hive.AAAAAAAAAAAAAAAAAAAAAA.wasm", "br")
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn pages_are_compressed_and_never_stored() {
    let app = spawn_app_with(sqlite(), Options::default()).await;
    let page = app
        .client
        .get(app.url("/about/privacy"))
        .header("accept", "text/html")
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["content-encoding"], "gzip");
    assert_eq!(page.headers()["cache-control"], "no-store");
    let gzip = page.bytes().await.unwrap();
    assert_eq!(&gzip[..2], &[0x1f, 0x8b], "a gzip stream");
}
