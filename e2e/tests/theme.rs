//! Light and dark themes: the toggle applies at once and this browser remembers it.

use e2e::{with_panel, Panel, DESKTOP, PASSWORD, USER};
use reference_server::Config;

#[tokio::test]
async fn the_theme_toggle_applies_and_is_remembered() {
    with_panel(Config::default(), DESKTOP, |panel: Panel| async move {
        panel.open_board("/").await;
        let background = "return getComputedStyle(document.body).backgroundColor";
        let light = panel.js(background).await;
        panel.click_button("Dark theme").await;
        assert_eq!(
            panel
                .js("return document.documentElement.dataset.theme")
                .await,
            "dark"
        );
        assert_eq!(
            panel
                .js("return document.querySelector('.theme-toggle').getAttribute('aria-pressed')")
                .await,
            "true"
        );
        let dark = panel.js(background).await;
        assert_ne!(light, dark);
        panel.client().refresh().await.unwrap();
        panel.sign_in(USER, PASSWORD).await;
        panel.wait_for_board().await;
        assert_eq!(
            panel
                .js("return document.documentElement.dataset.theme")
                .await,
            "dark"
        );
        assert_eq!(panel.js(background).await, dark);
        panel
    })
    .await;
}
