//! WCAG 2.1 A/AA checks with axe-core, run on the page as it stands.

use std::path::PathBuf;

use crate::panel::Panel;

/// axe-core from `tools/node_modules` (npm; `cargo xtask test` installs it).
fn axe_source() -> String {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tools/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "no axe-core at {}: {e} (`cargo xtask test` installs it with npm)",
            path.display()
        )
    })
}

impl Panel {
    /// Runs axe-core on the page as it stands for WCAG 2.1 A and AA and returns one line per violation
    /// and element (rule, impact, what axe says, the element). WebDriver scripts run outside the page's
    /// CSP, so the panel's policy needs no exception for the test.
    pub async fn axe_violations(&self) -> Vec<String> {
        let script = format!(
            "{}\nconst done = arguments[arguments.length - 1];\n\
             axe.run(document, {{ runOnly: {{ type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }}, resultTypes: ['violations'] }})\n\
               .then(r => done(r.violations.flatMap(v => v.nodes.map(n => `${{v.id}} (${{v.impact}}): ${{n.failureSummary.replace(/\\s+/g, ' ')}} at ${{n.html.slice(0, 200)}}`))))\n\
               .catch(e => done(['axe failed: ' + e]));",
            axe_source()
        );
        let result = self
            .client()
            .execute_async(&script, vec![])
            .await
            .expect("axe runs");
        serde_json::from_value(result).expect("a list of violations")
    }

    /// Fails the test if axe-core finds any WCAG 2.1 A/AA violation on the page as it stands.
    pub async fn assert_accessible(&self, what: &str) {
        let violations = self.axe_violations().await;
        assert!(
            violations.is_empty(),
            "{what}: {} accessibility violation(s):\n{}",
            violations.len(),
            violations.join("\n")
        );
    }
}
