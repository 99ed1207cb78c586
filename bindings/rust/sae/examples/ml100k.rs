//! Trains the seed preset on ML-100K u1, prints the test RMSE and ten recommendations.
//!
//! Usage: cargo run --example ml100k -- [--data DIR] [--epochs N] [--user ID]
//! DIR defaults to $SAE_DATA_DIR; it holds u1.base, u1.test and u.item.

use std::collections::HashMap;
use std::env;
use std::error::Error;
use std::fs;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sae::{Dataset, Model, Options};

struct Args {
    data: PathBuf,
    epochs: Option<u32>,
    user: u32,
}

fn main() -> ExitCode {
    match parse_args().and_then(|args| run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ml100k: {error}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args() -> Result<Args, Box<dyn Error>> {
    let mut args = Args {
        data: env::var_os("SAE_DATA_DIR")
            .map(PathBuf::from)
            .unwrap_or_default(),
        epochs: None,
        user: 1,
    };
    let mut words = env::args().skip(1);

    while let Some(flag) = words.next() {
        let value = words
            .next()
            .ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--data" => args.data = PathBuf::from(value),
            "--epochs" => args.epochs = Some(value.parse()?),
            "--user" => args.user = value.parse()?,
            _ => return Err(format!("unknown flag {flag}").into()),
        }
    }

    if args.data.as_os_str().is_empty() {
        return Err("set SAE_DATA_DIR or pass --data to the ML-100K folder".into());
    }
    Ok(args)
}

fn run(args: &Args) -> Result<(), Box<dyn Error>> {
    let (train, test) = Dataset::load_split(&args.data, "u1")?;
    let mut options = Options::preset("seed")?;
    if let Some(epochs) = args.epochs {
        options.set_epochs(epochs);
    }

    // Report about ten times during training, and always the last epoch.
    let mut model = Model::new(&options)?;
    let every = (options.epochs() / 10).max(1);
    model.fit_with_progress(&train, |report| {
        if report.epoch % every == 0 || report.epoch == report.n_epochs {
            println!(
                "epoch {:3}/{}  train loss {:.4}",
                report.epoch, report.n_epochs, report.train_loss
            );
        }
        ControlFlow::Continue(())
    })?;

    let metrics = model.evaluate(&train, &test)?;
    println!(
        "test RMSE {:.4} over {} ratings",
        metrics.rmse, metrics.n_ratings
    );

    let titles = read_titles(&args.data.join("u.item"))?;
    println!("top 10 for user {}:", args.user);
    for (item, rating) in recommend(&model, &train, args.user, 10)? {
        let title = titles.get(&item).map_or("(unknown title)", String::as_str);
        println!("{rating:5.2}  {title}");
    }
    Ok(())
}

/// The `count` items with the highest predictions that the user has not rated, best first.
fn recommend(
    model: &Model,
    train: &Dataset,
    user: u32,
    count: usize,
) -> sae::Result<Vec<(u32, f32)>> {
    let row = train.user_row(user)?;
    let predictions = model.predict(&row)?;
    let mut unrated: Vec<(u32, f32)> = (1..)
        .zip(predictions)
        .zip(&row)
        .filter(|(_, &known)| known == 0.0)
        .map(|(pair, _)| pair)
        .collect();

    unrated.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    unrated.truncate(count);
    Ok(unrated)
}

/// Titles by item id from `u.item` ("id|title|..."), which is Latin-1 encoded.
fn read_titles(path: &Path) -> Result<HashMap<u32, String>, Box<dyn Error>> {
    let bytes = fs::read(path).map_err(|error| format!("{}: {error}", path.display()))?;
    // Latin-1 bytes are the first 256 Unicode code points.
    let text: String = bytes.iter().map(|&byte| char::from(byte)).collect();
    let mut titles = HashMap::new();

    for line in text.lines().filter(|line| !line.is_empty()) {
        let mut fields = line.split('|');
        let (Some(id), Some(title)) = (fields.next(), fields.next()) else {
            return Err(format!("{}: malformed line {line:?}", path.display()).into());
        };
        titles.insert(id.parse()?, title.to_string());
    }
    Ok(titles)
}
