//! The city's neighbourhoods, wards and teams as an admin manages them (JavaScript off).

use crate::support::{spawn_app, sqlite};

#[tokio::test]
async fn an_admin_adds_a_neighbourhood_its_ward_and_its_team_then_renames_the_ward() {
    let app = spawn_app(sqlite(), true).await;
    let admin = app.sign_in_as("Ruth Adeyemi", None).await;
    let add = |kind: &'static str, code: &'static str, name: &'static str, within: &'static str| {
        let (app, admin) = (&app, &admin);
        async move {
            app.post_page_form(
                &format!("/admin/places/{kind}/new"),
                "/api/add-place",
                &[
                    ("kind", kind),
                    ("code", code),
                    ("name", name),
                    ("within", within),
                ],
                admin,
            )
            .await
        }
    };
    for (kind, code, name, within) in [
        ("neighbourhood", "north-9", "New Moston", "north"),
        ("ward", "ward-new-moston", "New Moston Ward", "north-9"),
        (
            "team",
            "int-north-9",
            "New Moston Integrated Neighbourhood Team",
            "north-9",
        ),
    ] {
        let response = add(kind, code, name, within).await;
        assert_eq!(response.headers()["location"], "/admin/places", "{kind}");
    }
    let page = app
        .get("/admin/places", Some(&admin))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Team New Moston Integrated Neighbourhood Team was added"),
        "{page}"
    );
    let city = app.store.neighbourhoods().await.unwrap();
    let added = city.iter().find(|n| n.code == "north-9").unwrap();
    assert_eq!(added.wards[0].code, "ward-new-moston");
    assert_eq!(added.team.as_ref().unwrap().code, "int-north-9");

    let renamed = app
        .post_page_form(
            "/admin/places/rename",
            "/api/rename-place",
            &[("place", "ward:ward-new-moston"), ("name", "Moston")],
            &admin,
        )
        .await;
    assert_eq!(renamed.headers()["location"], "/admin/places");
    let city = app.store.neighbourhoods().await.unwrap();
    let ward = &city.iter().find(|n| n.code == "north-9").unwrap().wards[0];
    assert_eq!(ward.name, "Moston");
}

#[tokio::test]
async fn duplicates_a_second_team_and_unknown_neighbourhoods_are_field_errors() {
    let app = spawn_app(sqlite(), true).await;
    let admin = app.sign_in_as("Ruth Adeyemi", None).await;
    let call = |body: &'static str| {
        let (app, admin) = (&app, &admin);
        async move {
            let response = app
                .client
                .post(app.url("/api/add-place"))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("cookie", admin.as_str())
                .body(body)
                .send()
                .await
                .unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    let before = app.store.neighbourhoods().await.unwrap();
    let (status, body) = call("kind=ward&code=ward-x&name=X&within=no-such-place").await;
    assert_eq!(status, 422);
    assert!(body.contains("Select the neighbourhood"), "{body}");
    let first_code = before[0].code.clone();
    let (status, body) =
        call("kind=team&code=int-extra&name=Extra&within=cheetham-crumpsall").await;
    assert_eq!(status, 422, "{first_code}");
    assert!(body.contains("already has its team"), "{body}");
    let taken = before[0].wards[0].code.clone();
    let body_text: &'static str = Box::leak(
        format!("kind=ward&code={taken}&name=Y&within=cheetham-crumpsall").into_boxed_str(),
    );
    let (status, body) = call(body_text).await;
    assert_eq!(status, 422);
    assert!(
        body.contains("There is already a ward with this code"),
        "{body}"
    );
    let (status, _) = call("kind=castle&code=c-1&name=C&within=cheetham-crumpsall").await;
    assert_eq!(status, 404);
    assert_eq!(
        app.store.neighbourhoods().await.unwrap(),
        before,
        "nothing changed"
    );
}

#[tokio::test]
async fn only_admins_manage_places() {
    let app = spawn_app(sqlite(), true).await;
    let nurse = app.sign_in_as("Priya Shah", None).await;
    assert_eq!(app.get("/admin/places", Some(&nurse)).await.status(), 403);
    assert_eq!(
        app.get("/admin/places/ward/new", Some(&nurse))
            .await
            .status(),
        403
    );
    assert_eq!(
        app.get("/about/neighbourhoods", Some(&nurse))
            .await
            .status(),
        200,
        "the list is public"
    );
    let before = app.store.neighbourhoods().await.unwrap();
    for (path, body) in [
        (
            "/api/add-place",
            "kind=neighbourhood&code=north-9&name=X&within=north",
        ),
        (
            "/api/rename-place",
            "place=neighbourhood:cheetham-crumpsall&name=Renamed",
        ),
    ] {
        let response = app
            .client
            .post(app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", &nurse)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{path}");
    }
    assert_eq!(app.store.neighbourhoods().await.unwrap(), before);
}

/// Two administrators add the same ward at the same moment: both requests found the code free,
/// and the second insert finds it taken. The second is told so plainly (409), and the ward is
/// there once. (The counting store answers the places as both requests read them, before.)
#[tokio::test]
async fn a_place_added_by_someone_else_at_the_same_moment_is_a_conflict_not_a_success() {
    let (app, counts) = crate::counting::spawn_counting_app(sqlite()).await;
    let admin = app.sign_in_as("Ruth Adeyemi", None).await;
    let before = app.store.neighbourhoods().await.unwrap();
    *counts.places_as_of.lock().unwrap() = Some(before);
    let add = || {
        app.post_form(
            "/api/add-place",
            &[
                ("kind", "ward"),
                ("code", "ward-at-once"),
                ("name", "At Once"),
                ("within", "chorlton-whalley-range"),
            ],
            Some(&admin),
        )
    };
    let first = add().await;
    assert!(first.status().is_success(), "{}", first.status());
    let second = add().await;
    assert_eq!(second.status(), 409);
    let body = second.text().await.unwrap();
    assert!(
        body.contains("Someone else added this at the same moment"),
        "{body}"
    );
    *counts.places_as_of.lock().unwrap() = None;
    let city = app.store.neighbourhoods().await.unwrap();
    let wards = city
        .iter()
        .flat_map(|n| &n.wards)
        .filter(|w| w.code == "ward-at-once")
        .count();
    assert_eq!(wards, 1);
}
