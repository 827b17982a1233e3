//! Alerts, loading skeletons and load errors shared by every view.

use crate::api::ApiError;
use leptos::prelude::*;

/// An alert's colour: neutral by default, or what it reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AlertKind {
    #[default]
    Neutral,
    Ok,
    Warning,
    Danger,
}

impl AlertKind {
    fn class(self) -> &'static str {
        match self {
            AlertKind::Neutral => "uk-alert",
            AlertKind::Ok => "uk-alert uk-alert--ok",
            AlertKind::Warning => "uk-alert uk-alert--warning",
            AlertKind::Danger => "uk-alert uk-alert--danger",
        }
    }
}

/// A boxed message.
#[component]
pub fn Alert(
    /// The colour.
    #[prop(optional)]
    kind: AlertKind,
    /// Read out at once when it appears (`role="alert"`). Leave it off where the same words are
    /// announced already.
    #[prop(optional)]
    urgent: bool,
    /// The `data-testid` the end-to-end tests find it by.
    #[prop(optional)]
    testid: &'static str,
    /// The message.
    children: Children,
) -> impl IntoView {
    let role = urgent.then_some("alert");
    let testid = (!testid.is_empty()).then_some(testid);
    view! {
        <div class=kind.class() role=role data-testid=testid>
            {children()}
        </div>
    }
}

/// A table's header row of plain column names.
#[component]
pub fn TableHead(
    /// The column names, in order.
    columns: &'static [&'static str],
    /// Names only screen readers get (a checkbox column, an actions column).
    #[prop(optional)]
    unseen: &'static [&'static str],
) -> impl IntoView {
    view! {
        <thead>
            <tr>
                {columns
                    .iter()
                    .map(|c| {
                        let class = unseen.contains(c).then_some("uk-sr-only");
                        view! { <th scope="col"><span class=class>{*c}</span></th> }
                    })
                    .collect_view()}
            </tr>
        </thead>
    }
}

/// The table's columns with grey placeholder rows while it loads, announced as busy. Shown only
/// once the load has taken a moment ([`SKELETON_AFTER`]): a list that comes at once goes straight
/// to its rows, with no flash of placeholders (and no drawing of them in its way).
#[component]
pub fn LoadingTable(
    /// What is loading, for the caption and the announcement ("Access keys").
    what: &'static str,
    /// The column names of the table that will replace it (as many as it has).
    columns: &'static [&'static str],
    /// Of those, the names only screen readers get.
    #[prop(optional)]
    unseen: &'static [&'static str],
    /// How many placeholder rows.
    #[prop(default = 5)]
    rows: usize,
) -> impl IntoView {
    let late = RwSignal::new(false);
    let timer = set_timeout_with_handle(
        move || {
            late.try_set(true);
        },
        SKELETON_AFTER,
    )
    .ok();
    on_cleanup(move || {
        if let Some(t) = timer {
            t.clear();
        }
    });
    move || {
        late.get().then(|| {
            view! {
                <table class="uk-table uk-table--cards" aria-busy="true">
                    <caption class="uk-sr-only">{format!("{what} (loading)")}</caption>
                    <TableHead columns unseen />
                    <tbody>
                        {(0..rows)
                            .map(|_| {
                                view! {
                                    <tr class="uk-skeleton" aria-hidden="true">
                                        {columns
                                            .iter()
                                            .map(|_| view! { <td><span class="uk-skeleton__bar"></span></td> })
                                            .collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
                <p class="uk-sr-only" role="status">{format!("Loading {}…", what.to_ascii_lowercase())}</p>
            }
        })
    }
}

/// How long a load runs before its placeholders show.
pub const SKELETON_AFTER: std::time::Duration = std::time::Duration::from_millis(300);

/// What failed, what to do, and a retry button.
#[component]
pub fn LoadError(
    /// What could not be loaded ("access keys").
    what: &'static str,
    /// Why.
    error: ApiError,
    /// Loads again.
    on_retry: Callback<()>,
) -> impl IntoView {
    view! {
        <Alert kind=AlertKind::Danger urgent=true testid="load-error">
            <p class="uk-alert__title">{format!("Could not load {what}.")}</p>
            <p>{error.to_string()}</p>
            <button type="button" class="uk-btn uk-btn--secondary" on:click=move |_| on_retry.run(())>
                "Retry"
            </button>
        </Alert>
    }
}
