//! Loading skeletons and load errors shared by the tables.

use crate::api::ApiError;
use leptos::prelude::*;

/// Grey placeholder rows while a table loads, announced as busy.
#[component]
pub fn SkeletonRows(cols: usize, #[prop(default = 5)] rows: usize) -> impl IntoView {
    (0..rows)
        .map(|_| {
            view! {
                <tr class="uk-skeleton" aria-hidden="true">
                    {(0..cols).map(|_| view! { <td><span class="uk-skeleton__bar"></span></td> }).collect_view()}
                </tr>
            }
        })
        .collect_view()
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
