//! Loading skeletons and load errors shared by the tables.

use crate::api::ApiError;
use leptos::prelude::*;

/// A table's header row of plain column names.
#[component]
pub fn TableHead(columns: &'static [&'static str]) -> impl IntoView {
    view! {
        <thead>
            <tr>{columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}</tr>
        </thead>
    }
}

/// The table's columns with grey placeholder rows while it loads, announced as busy.
#[component]
pub fn LoadingTable(what: &'static str, columns: &'static [&'static str], #[prop(default = 5)] rows: usize) -> impl IntoView {
    view! {
        <table class="uk-table" aria-busy="true">
            <caption class="uk-sr-only">{format!("{what} (loading)")}</caption>
            <TableHead columns />
            <tbody>
                {(0..rows).map(|_| view! {
                    <tr class="uk-skeleton" aria-hidden="true">
                        {columns.iter().map(|_| view! { <td><span class="uk-skeleton__bar"></span></td> }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <p class="uk-sr-only" role="status">{format!("Loading {}…", what.to_lowercase())}</p>
    }
}

/// What failed, what to do, and a retry button.
#[component]
pub fn LoadError(what: &'static str, error: ApiError, on_retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="uk-alert uk-alert--danger" role="alert" data-testid="load-error">
            <p class="uk-alert__title">{format!("Could not load {what}.")}</p>
            <p>{error.to_string()}</p>
            <button type="button" class="uk-btn uk-btn--secondary" on:click=move |_| on_retry.run(())>
                "Retry"
            </button>
        </div>
    }
}
