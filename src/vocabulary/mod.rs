//! The words the engine and the model share: whether more of a criterion is better, a
//! PROMETHEE preference function, the ends of a column's scale and whether a higher score is
//! better. This floor uses only the standard library (and serde's derive), so the engine
//! (`methods`, `normalize`, `ranking`, `weights`) never needs the model.

mod column;
mod direction;
mod preference;
mod score_order;
mod value_function;

pub use column::Column;
pub use direction::Direction;
pub use preference::Preference;
pub use score_order::ScoreOrder;
pub use value_function::ValueFunction;
