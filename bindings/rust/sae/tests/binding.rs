//! The safe API end to end on the tiny fixture: train, predict, score, save, load, errors,
//! cancellation, panics in callbacks and concurrent prediction.

mod common;

use std::ops::ControlFlow;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::thread;

use sae::{Activation, Dataset, Model, Options, Status};

use common::*;

#[test]
fn tiny_fixture_has_its_shape() {
    let data = tiny_ratings();

    assert_eq!(
        (data.n_users(), data.n_items(), data.n_ratings()),
        (5, 8, 12)
    );
    assert_eq!(
        data.user_row(1).unwrap(),
        [0.0, 4.0, 0.0, 0.0, 2.0, 0.0, 5.0, 0.0]
    );
}

#[test]
fn train_predict_and_score() {
    let data = tiny_ratings();
    let mut model = Model::new(&small_options(20)).unwrap();
    let mut epochs_seen = Vec::new();

    model
        .fit_with_progress(&data, |report| {
            epochs_seen.push(report.epoch);
            assert_eq!(report.n_epochs, 20);
            assert!(report.train_loss.is_finite());
            ControlFlow::Continue(())
        })
        .unwrap();
    assert_eq!(epochs_seen, (1..=20).collect::<Vec<u32>>());
    assert_eq!(model.n_items(), 8);

    let predictions = model.predict(&data.user_row(2).unwrap()).unwrap();
    assert_eq!(predictions.len(), 8);
    assert!(predictions.iter().all(|p| p.is_finite()));

    let rmse = model.rmse(&data, &data).unwrap();
    let metrics = model.evaluate(&data, &data).unwrap();
    assert!(rmse.is_finite() && rmse > 0.0);
    assert_eq!(metrics.rmse, rmse);
    assert_eq!((metrics.n_users, metrics.n_ratings), (5, 12));

    // The batch path multiplies whole matrices, so it may round differently in the last bit.
    let rows = model.predict_users(&data, &[2, 4]).unwrap();
    assert_eq!(rows.len(), 16);
    for (batch, single) in rows[..8].iter().zip(&predictions) {
        assert!(
            (batch - single).abs() <= 1e-5 * single.abs().max(1.0),
            "{batch} vs {single}"
        );
    }
}

#[test]
fn options_round_trip_through_a_model() {
    let mut options = small_options(4);
    options
        .set_hidden_activation(Activation::TANH)
        .set_learning_rate(0.05);
    let model = Model::new(&options).unwrap();

    let back = model.options().unwrap();
    assert_eq!(back, options);
    assert_eq!(back.hidden_sizes(), [3]);
    assert_eq!(back.hidden_activation(0), Some(Activation::TANH));
    assert_eq!(back.hidden_activation(1), None);

    let seed = Options::preset("seed").unwrap();
    assert_eq!(seed.hidden_sizes(), [20, 10, 20]);
    assert_eq!(seed.epochs(), 200);
}

#[test]
fn save_and_load_give_identical_predictions() {
    let data = tiny_ratings();
    let mut model = trained_model();
    let dir = temp_dir("save");
    let path = dir.join("tiny.sae");

    model.save(&path).unwrap();
    let loaded = Model::load(&path).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();

    for user in 1..=data.n_users() {
        let row = data.user_row(user).unwrap();
        let before = model.predict(&row).unwrap();
        let after = loaded.predict(&row).unwrap();
        assert_eq!(bits(&before), bits(&after), "user {user}");
    }
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let path = "/nonexistent/folder/ratings-that-are-not-here.data";

    let error = Dataset::load(path).unwrap_err();
    assert_eq!(error.status(), Status::IO);
    assert!(
        error.message().contains(path),
        "message: {}",
        error.message()
    );
    assert!(error.to_string().contains(path));

    let error = Model::load("/nonexistent/model.sae").unwrap_err();
    assert_eq!(error.status(), Status::IO);
    assert!(error.message().contains("/nonexistent/model.sae"));
}

#[test]
fn a_malformed_file_is_a_parse_error_naming_the_line() {
    let dir = temp_dir("parse");
    let path = dir.join("bad.data");
    std::fs::write(&path, "1\t2\t4\n1\tx\t3\n").unwrap();

    let error = Dataset::load(&path).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(error.status(), Status::PARSE);
    assert!(
        error.message().contains("bad.data"),
        "message: {}",
        error.message()
    );
}

#[test]
fn bad_arguments_are_errors_not_crashes() {
    let model = trained_model();
    let untrained = Model::new(&small_options(1)).unwrap();

    let error = model.predict(&[1.0; 5]).unwrap_err();
    assert_eq!(error.status(), Status::DIMENSION);
    assert_eq!(untrained.predict(&[]).unwrap_err().status(), Status::STATE);

    let mut options = small_options(1);
    options.set_learning_rate(-1.0);
    let error = Model::new(&options).unwrap_err();
    assert_eq!(error.status(), Status::INVALID_ARGUMENT);
    assert!(
        error.message().contains("learning_rate"),
        "message: {}",
        error.message()
    );

    assert!(options.set_hidden_sizes(&[1; 9]).is_err());
    assert!(Dataset::load("nul\0inside").is_err());
    assert!(Dataset::from_triples(&[1, 2], &[1], &[3.0]).is_err());
}

#[test]
fn a_cancelled_fit_leaves_a_usable_model() {
    let data = tiny_ratings();
    let mut model = Model::new(&small_options(50)).unwrap();
    let mut last_epoch = 0;

    let error = model
        .fit_with_progress(&data, |report| {
            last_epoch = report.epoch;
            if report.epoch == 3 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })
        .unwrap_err();

    assert!(error.is_cancelled(), "{error}");
    assert_eq!(error.status(), Status::CANCELLED);
    assert_eq!(last_epoch, 3);
    let predictions = model.predict(&data.user_row(1).unwrap()).unwrap();
    assert!(predictions.iter().all(|p| p.is_finite()));
    model.fit(&data).unwrap();
}

#[test]
fn a_panic_in_the_callback_is_resumed_after_the_fit() {
    let data = tiny_ratings();
    let mut model = Model::new(&small_options(50)).unwrap();
    let mut calls = 0;

    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        model.fit_with_progress(&data, |report| {
            calls += 1;
            if report.epoch == 2 {
                panic!("stop at epoch two");
            }
            ControlFlow::Continue(())
        })
    }));

    let payload = outcome.expect_err("the panic must reach the caller");
    assert_eq!(payload.downcast_ref::<&str>(), Some(&"stop at epoch two"));
    assert_eq!(calls, 2, "libsae must stop calling after the panic");
    assert!(model.predict(&data.user_row(1).unwrap()).is_ok());
}

#[test]
fn concurrent_predictions_match_sequential_ones() {
    let data = tiny_ratings();
    let rows: Vec<Vec<f32>> = (1..=data.n_users())
        .map(|u| data.user_row(u).unwrap())
        .collect();
    let model = Arc::new(trained_model());
    let expected: Vec<Vec<u32>> = rows
        .iter()
        .map(|r| bits(&model.predict(r).unwrap()))
        .collect();
    let rows = Arc::new(rows);

    let workers: Vec<_> = (0..4)
        .map(|_| {
            let model = Arc::clone(&model);
            let rows = Arc::clone(&rows);
            thread::spawn(move || {
                let mut results = Vec::new();
                for _ in 0..200 {
                    for row in rows.iter() {
                        results.push(bits(&model.predict(row).unwrap()));
                    }
                }
                results
            })
        })
        .collect();

    for worker in workers {
        let results = worker.join().unwrap();
        for (index, result) in results.iter().enumerate() {
            assert_eq!(result, &expected[index % expected.len()]);
        }
    }
}

fn bits(values: &[f32]) -> Vec<u32> {
    values.iter().map(|v| v.to_bits()).collect()
}
