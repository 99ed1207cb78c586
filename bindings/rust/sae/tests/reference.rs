//! A model saved from C loads here with bitwise identical predictions for every user.

mod common;

use std::fs;

use sae::{Dataset, Model, Status};

use common::*;

#[test]
fn reference_model_predicts_exactly_as_c_did() {
    let (Some(model_path), Some(predictions_path)) = (
        required_var("SAE_REFERENCE_MODEL"),
        required_var("SAE_REFERENCE_PREDICTIONS"),
    ) else {
        return;
    };
    let model = Model::load(&model_path).unwrap();
    let data = Dataset::load(tiny_ratings_path()).unwrap();
    let text = fs::read_to_string(&predictions_path).unwrap();
    let mut lines = text.lines();

    let shape: Vec<u32> = parse_line(lines.next().expect("a shape line"));
    assert_eq!(shape, [data.n_users(), model.n_items()]);

    let actual = predict_every_user(&model, &data);
    let mut users = 0;
    for (index, line) in lines.enumerate() {
        let user = index as u32 + 1;
        let expected: Vec<f32> = parse_line(line);
        let actual = &actual[index];

        assert_eq!(actual.len(), expected.len(), "user {user}");
        for (item, (a, e)) in actual.iter().zip(&expected).enumerate() {
            assert_eq!(
                a.to_bits(),
                e.to_bits(),
                "user {user}, item {}: {a} vs {e}",
                item + 1
            );
        }
        users += 1;
    }
    assert_eq!(users, data.n_users());
}

/// Each user's predictions, made the way C made the reference: one sae_predict per dense row,
/// or, for an item-based model that cannot predict from one user's row, one sae_predict_users
/// over every user.
fn predict_every_user(model: &Model, data: &Dataset) -> Vec<Vec<f32>> {
    let users: Vec<u32> = (1..=data.n_users()).collect();
    let first = model.predict(&data.user_row(1).unwrap());

    if matches!(&first, Err(error) if error.status() == Status::STATE) {
        let rows = model.predict_users(data, &users).unwrap();
        return rows
            .chunks(model.n_items() as usize)
            .map(<[f32]>::to_vec)
            .collect();
    }
    users
        .iter()
        .map(|&user| model.predict(&data.user_row(user).unwrap()).unwrap())
        .collect()
}

/// Whitespace-separated numbers; "%.9g" text parses back to the exact float C printed.
fn parse_line<T: std::str::FromStr>(line: &str) -> Vec<T>
where
    T::Err: std::fmt::Debug,
{
    line.split_whitespace()
        .map(|word| word.parse().unwrap())
        .collect()
}
