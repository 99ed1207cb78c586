//! Checks the Rust mirrors of libsae's structs against the library that is linked.
//!
//! C fills `sae_options` at its own offsets; reading every default back at the Rust offsets
//! shows that the two layouts agree field by field. The other structs are checked by size
//! through calls that refuse, or report, a size other than their own.

use std::ffi::{c_int, c_void};
use std::mem::{offset_of, size_of};
use std::ptr;

use sae_sys::*;

/// Room for a much larger `sae_options` than this crate knows, 8-byte aligned like the struct.
const BUFFER_WORDS: usize = 1024;

fn read_at<T: Copy>(buffer: &[u64; BUFFER_WORDS], offset: usize) -> T {
    assert!(offset + size_of::<T>() <= size_of::<[u64; BUFFER_WORDS]>());

    // The offset comes from offset_of! on a #[repr(C)] struct, so it is aligned for T.
    unsafe { ptr::read(buffer.as_ptr().cast::<u8>().add(offset).cast::<T>()) }
}

#[test]
fn options_size_matches_the_library() {
    let mut buffer = [0u64; BUFFER_WORDS];
    unsafe { sae_options_default(buffer.as_mut_ptr().cast()) };

    let c_size: u32 = read_at(&buffer, 0);
    assert_eq!(
        c_size as usize,
        size_of::<sae_options>(),
        "sae_options in sae.h and in sae-sys/src/lib.rs differ: append the new fields"
    );
    assert_eq!(std::mem::align_of::<sae_options>(), 8);
}

/// Fills a buffer far larger than the mirror through `fill`, as libsae writes its own struct.
fn filled_by_c(fill: impl FnOnce(*mut sae_options)) -> [u64; BUFFER_WORDS] {
    let mut buffer = [0u64; BUFFER_WORDS];
    fill(buffer.as_mut_ptr().cast());
    buffer
}

macro_rules! field {
    ($buffer:expr, $name:ident, $type:ty) => {
        read_at::<$type>(&$buffer, offset_of!(sae_options, $name))
    };
}

#[test]
fn seed_preset_read_at_rust_offsets() {
    // The seed preset is the reference notebook's configuration, fixed by definition.
    let name = c"seed";
    let b = filled_by_c(|opts| assert_eq!(unsafe { sae_options_preset(opts, name.as_ptr()) }, 0));

    assert_eq!(
        field!(b, struct_size, u32) as usize,
        size_of::<sae_options>()
    );
    assert_eq!(field!(b, n_hidden, u32), 3);
    assert_eq!(
        field!(b, hidden_sizes, [u32; 8]),
        [20, 10, 20, 0, 0, 0, 0, 0]
    );
    assert_eq!(
        field!(b, hidden_activations, [i32; 8]),
        [SAE_ACTIVATION_SIGMOID; 8]
    );
    assert_eq!(field!(b, output_activation, i32), SAE_ACTIVATION_IDENTITY);
    assert_eq!(field!(b, optimizer, i32), SAE_OPTIMIZER_RMSPROP);
    assert_eq!(field!(b, learning_rate, f64), 0.01);
    assert_eq!(field!(b, weight_decay, f64), 0.5);
    assert_eq!(field!(b, rmsprop_alpha, f64), 0.99);
    assert_eq!(field!(b, epsilon, f64), 1e-8);
    assert_eq!(field!(b, epochs, u32), 200);
    assert_eq!(field!(b, accumulate_gradients, i32), 1);
    assert_eq!(field!(b, seed, u64), 1);
    assert_eq!(field!(b, threads, u32), 0);
    assert_eq!(field!(b, clip_predictions, i32), 0);
    assert_eq!(field!(b, rating_min, f64), 1.0);
    assert_eq!(field!(b, rating_max, f64), 5.0);
    assert_eq!(field!(b, orientation, i32), SAE_ORIENTATION_USER);
    assert_eq!(field!(b, batch_size, u32), 0);
    assert_eq!(field!(b, l2, f64), 0.0);
    assert_eq!(field!(b, input_dropout, f64), 0.0);
    assert_eq!(field!(b, hidden_dropout, f64), 0.0);
    assert_eq!(field!(b, momentum, f64), 0.9);
    assert_eq!(field!(b, beta2, f64), 0.999);
    assert_eq!(field!(b, validation_fraction, f64), 0.0);
    assert_eq!(field!(b, patience, u32), 0);
    assert_eq!(field!(b, ensemble_size, u32), 1);
}

#[test]
fn defaults_read_at_rust_offsets() {
    // The defaults are tuned over time, so only what sae.h promises about them is checked; a
    // field read at the wrong offset breaks these (a double's bytes read as an integer, or a
    // neighbour's value).
    let b = filled_by_c(|opts| unsafe { sae_options_default(opts) });

    assert_eq!(
        field!(b, struct_size, u32) as usize,
        size_of::<sae_options>()
    );
    let n_hidden = field!(b, n_hidden, u32) as usize;
    assert!((1..=SAE_MAX_HIDDEN_LAYERS).contains(&n_hidden));
    let sizes = field!(b, hidden_sizes, [u32; 8]);
    assert!(sizes[..n_hidden].iter().all(|&size| size > 0));
    assert!(sizes[n_hidden..].iter().all(|&size| size == 0));
    for activation in field!(b, hidden_activations, [i32; 8]) {
        assert!((SAE_ACTIVATION_IDENTITY..=SAE_ACTIVATION_SELU).contains(&activation));
    }
    assert!((SAE_OPTIMIZER_RMSPROP..=SAE_OPTIMIZER_ADAMW).contains(&field!(b, optimizer, i32)));
    let learning_rate = field!(b, learning_rate, f64);
    assert!(learning_rate > 0.0 && learning_rate < 1.0);
    assert!(field!(b, epochs, u32) > 0);
    assert_eq!(field!(b, rating_min, f64), 1.0);
    assert_eq!(field!(b, rating_max, f64), 5.0);
    assert_eq!(field!(b, orientation, i32), SAE_ORIENTATION_ITEM);
    assert!(field!(b, batch_size, u32) > 0);
    let validation = field!(b, validation_fraction, f64);
    assert!(validation > 0.0 && validation < 1.0);
    assert_eq!(field!(b, momentum, f64), 0.9);
    assert_eq!(field!(b, beta2, f64), 0.999);
    assert!(field!(b, ensemble_size, u32) >= 1);
}

#[test]
fn options_offsets_follow_the_header() {
    // The header's order under C's alignment rules; a reordered or retyped field moves these.
    let expected = [
        (offset_of!(sae_options, struct_size), 0),
        (offset_of!(sae_options, n_hidden), 4),
        (offset_of!(sae_options, hidden_sizes), 8),
        (offset_of!(sae_options, hidden_activations), 40),
        (offset_of!(sae_options, output_activation), 72),
        (offset_of!(sae_options, optimizer), 76),
        (offset_of!(sae_options, learning_rate), 80),
        (offset_of!(sae_options, weight_decay), 88),
        (offset_of!(sae_options, rmsprop_alpha), 96),
        (offset_of!(sae_options, epsilon), 104),
        (offset_of!(sae_options, epochs), 112),
        (offset_of!(sae_options, accumulate_gradients), 116),
        (offset_of!(sae_options, seed), 120),
        (offset_of!(sae_options, threads), 128),
        (offset_of!(sae_options, clip_predictions), 132),
        (offset_of!(sae_options, rating_min), 136),
        (offset_of!(sae_options, rating_max), 144),
        (offset_of!(sae_options, orientation), 152),
        (offset_of!(sae_options, batch_size), 156),
        (offset_of!(sae_options, l2), 160),
        (offset_of!(sae_options, input_dropout), 168),
        (offset_of!(sae_options, hidden_dropout), 176),
        (offset_of!(sae_options, momentum), 184),
        (offset_of!(sae_options, beta2), 192),
        (offset_of!(sae_options, validation_fraction), 200),
        (offset_of!(sae_options, patience), 208),
        (offset_of!(sae_options, ensemble_size), 212),
    ];

    for (index, (actual, wanted)) in expected.iter().enumerate() {
        assert_eq!(actual, wanted, "field {index} of sae_options");
    }
    assert_eq!(size_of::<sae_options>(), 216);
}

unsafe extern "C" fn record_report_size(
    report: *const sae_epoch_report,
    data: *mut c_void,
) -> c_int {
    *data.cast::<u32>() = (*report).struct_size;
    1
}

#[test]
fn report_and_metrics_sizes_match_the_library() {
    let users = [1u32, 1, 2, 2, 3];
    let items = [1u32, 2, 2, 3, 1];
    let ratings = [4.0f32, 2.0, 5.0, 3.0, 1.0];
    let mut options: sae_options = unsafe { std::mem::zeroed() };
    let mut data: *mut sae_dataset = ptr::null_mut();
    let mut model: *mut sae_model = ptr::null_mut();
    let mut report_size = 0u32;
    let mut metrics: sae_metrics = unsafe { std::mem::zeroed() };

    unsafe {
        assert_eq!(sae_options_preset(&mut options, c"seed".as_ptr()), SAE_OK);
        options.n_hidden = 1;
        options.hidden_sizes[0] = 2;
        options.epochs = 3;
        assert_eq!(
            sae_dataset_from_arrays(
                &mut data,
                users.as_ptr(),
                items.as_ptr(),
                ratings.as_ptr(),
                users.len()
            ),
            SAE_OK
        );
        assert_eq!(sae_create(&mut model, &options), SAE_OK);

        // The callback stops after the first epoch, having recorded the size C built with.
        let status = sae_fit(
            model,
            data,
            Some(record_report_size),
            ptr::addr_of_mut!(report_size).cast(),
        );
        assert_eq!(status, SAE_ERR_CANCELLED);
        assert_eq!(report_size as usize, size_of::<sae_epoch_report>());

        // sae_evaluate refuses any struct_size but its own.
        metrics.struct_size = size_of::<sae_metrics>() as u32;
        assert_eq!(sae_evaluate(&mut metrics, model, data, data), SAE_OK);
        assert_eq!(metrics.n_ratings, 5);

        sae_free(model);
        sae_dataset_free(data);
    }
}
