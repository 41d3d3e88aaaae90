//! Finding controls as a person does: by role and accessible name, as Chromium's own accessibility tree
//! computes them (what a screen reader announces), so a test fails when a control loses its name. CSS only
//! where no accessible name exists (a board row's data, a progress count).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use fantoccini::elements::Element;
use fantoccini::Locator;
use serde_json::{json, Value};

use crate::engine::Engine;
use crate::panel::Panel;
use crate::STEP;

impl Panel {
    /// The element with this ARIA `role` ("button", "checkbox", "textbox", "link", "option", "dialog"…)
    /// and this accessible name (see [`normalized`]), waiting for it up to [`STEP`]. Chromium computes both
    /// (`Accessibility.queryAXTree`); the element found is handed to WebDriver through a one-off attribute.
    pub async fn by_role(&self, role: &str, name: &str) -> Element {
        let start = Instant::now();
        loop {
            if let Some(found) = self.find_by_role(role, name).await {
                return found;
            }
            assert!(
                start.elapsed() < STEP,
                "no {role} named {name:?} on the page"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }

    async fn find_by_role(&self, role: &str, name: &str) -> Option<Element> {
        match self.browser.engine {
            Engine::Chromium => self.find_in_ax_tree(role, name).await,
            Engine::Firefox | Engine::WebKit => self.find_by_computed_role(role, name).await,
        }
    }

    /// Chromium: its accessibility tree, through the DevTools protocol.
    async fn find_in_ax_tree(&self, role: &str, name: &str) -> Option<Element> {
        static MARK: AtomicU64 = AtomicU64::new(0);
        let cdp = |cmd: &'static str, params: Value| self.browser.cdp(cmd, params);
        let root = cdp("DOM.getDocument", json!({ "depth": 0 })).await["root"]["nodeId"].clone();
        let found = cdp(
            "Accessibility.queryAXTree",
            json!({ "nodeId": root, "role": role }),
        )
        .await;
        let wanted = normalized(name);
        let node = found["nodes"]
            .as_array()?
            .iter()
            .find(|n| {
                n["ignored"] != true
                    && n["backendDOMNodeId"].is_u64()
                    && n["name"]["value"].as_str().map(normalized) == Some(wanted.clone())
            })?
            .clone();
        let object = cdp(
            "DOM.resolveNode",
            json!({ "backendNodeId": node["backendDOMNodeId"] }),
        )
        .await["object"]["objectId"]
            .clone();
        let mark = MARK.fetch_add(1, Ordering::Relaxed).to_string();
        cdp(
            "Runtime.callFunctionOn",
            json!({
                "objectId": object,
                "functionDeclaration": "function (mark) { this.setAttribute('data-found-by-role', mark); }",
                "arguments": [{ "value": mark }],
            }),
        )
        .await;
        let css = format!("[data-found-by-role=\"{mark}\"]");
        self.client().find(Locator::Css(&css)).await.ok()
    }

    /// Firefox and WebKit (no DevTools protocol): each element that may have `role`, outside anything
    /// inert (with a modal dialog open, only the dialog's own), asked for the role and name the engine
    /// computes (WebDriver's "Get Computed Role" and "Get Computed Label").
    async fn find_by_computed_role(&self, role: &str, name: &str) -> Option<Element> {
        self.client()
            .execute(MARK_CANDIDATES, vec![json!(role)])
            .await
            .ok()?;
        let wanted = normalized(name);
        let candidates = self
            .client()
            .find_all(Locator::Css("[data-role-candidate]"))
            .await
            .ok()?;
        for element in candidates {
            let computed = self
                .browser
                .element_property(&element, "computedrole")
                .await;
            if computed.as_str() != Some(role) {
                continue;
            }
            let label = self
                .browser
                .element_property(&element, "computedlabel")
                .await;
            if label.as_str().map(normalized) == Some(wanted.clone()) {
                return Some(element);
            }
        }
        None
    }

    /// Clicks the control with this role and accessible name, scrolled to the middle of the view first.
    pub async fn click_role(&self, role: &str, name: &str) {
        let element = self.by_role(role, name).await;
        self.click_centered(element, name).await;
    }

    /// Replaces what the text box with this accessible name (its label) holds with `text`, typed as a
    /// person types it.
    pub async fn fill(&self, label: &str, text: &str) {
        let field = self.by_role("textbox", label).await;
        self.replace_text(&field, text).await;
    }

    /// Clicks the first link whose text contains `text`.
    pub async fn click_link_containing(&self, text: &str) {
        let xpath = format!("//a[contains(normalize-space(), {})]", xpath_literal(text));
        let link = self
            .client()
            .wait()
            .at_most(STEP)
            .for_element(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|e| panic!("no link {text:?}: {e}"));
        link.click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {text:?}: {e}"));
    }

    /// Clicks the button with this accessible name, as the accessibility tree has it. With a modal
    /// dialog open the page under it is inert, out of the tree: only the dialog's buttons can match.
    pub async fn click_button(&self, name: &str) {
        self.click_role("button", name).await;
    }

    /// Clicks the button with this accessible name inside the element matching `css` (a class on it).
    pub async fn click_button_in_css(&self, css: &str, name: &str) {
        let (tag, class) = css.split_once('.').expect("tag.class");
        self.click_button_in(
            &format!("//{tag}[contains(concat(' ', @class, ' '), ' {class} ')]"),
            name,
        )
        .await;
    }

    async fn click_button_in(&self, scope: &str, name: &str) {
        let xpath = format!(
            "{scope}//button[@aria-label={0} or normalize-space()={0}]",
            xpath_literal(name)
        );
        let button = self
            .client()
            .wait()
            .at_most(STEP)
            .for_element(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|e| panic!("no button {name:?}: {e}"));
        self.click_centered(button, name).await;
    }

    /// Clicks `element` after scrolling it into the middle of the view, as a person would: WebDriver's own
    /// scrolling stops at the window's edge, where the notifications sit.
    async fn click_centered(&self, element: Element, name: &str) {
        let arg = serde_json::to_value(&element).expect("an element reference");
        let _ = self
            .client()
            .execute(
                "arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' })",
                vec![arg],
            )
            .await;
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {name:?}: {e}"));
    }
}

/// Marks (`data-role-candidate`) every rendered element that may have the role `arguments[0]`, by its tag
/// or its `role` attribute, outside inert content.
const MARK_CANDIDATES: &str = "const [role] = arguments;
    const implicit = {
        button: 'button, summary, input[type=button], input[type=submit], input[type=reset]',
        textbox: 'textarea, input:not([type]), input[type=text], input[type=email], input[type=tel], input[type=url], input[type=password]',
        searchbox: 'input[type=search]',
        checkbox: 'input[type=checkbox]',
        option: 'option',
        link: 'a[href]',
    }[role];
    document.querySelectorAll('[data-role-candidate]').forEach(e => e.removeAttribute('data-role-candidate'));
    const scope = document.querySelector('dialog:modal') ?? document;
    const css = implicit ? `${implicit}, [role=${role}]` : `[role=${role}]`;
    for (const e of scope.querySelectorAll(css)) {
        if (!e.closest('[inert]') && e.getClientRects().length) e.setAttribute('data-role-candidate', '');
    }
    return 1";

/// An accessible name as compared here: whitespace collapsed, and case ignored (Chromium's names follow CSS
/// `text-transform`, so a header styled in capitals is named "RETURN TIME").
fn normalized(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A string as an XPath literal, whatever quotes it holds.
pub fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}
