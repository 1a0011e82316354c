"""Models fitted across the corpus with statsmodels, returned as tidy frames.

`fit_log_log` fits log(y) = a + b·log(x) by OLS and by a robust RLM (Huber's T), with confidence
intervals, and gives each unit its studentized residual, leverage, Cook's distance and RLM
weight, so that outlying units can be named. `last_digit_test` compares the last printed digits
of figures with a uniform distribution (a teaching example: see its caveats in notebook 7).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class LogLogFit:
    """A fit of log(y) on log(x): coefficients of both models, one row per unit, the OLS result."""

    coefficients: pd.DataFrame  # model, term, estimate, std_error, ci_low, ci_high, p_value
    units: pd.DataFrame  # label, x, y, log_x, log_y, fitted, residual, studentized, leverage, cooks_d, rlm_weight
    ols: Any
    rlm: Any

    @property
    def n(self) -> int:
        return len(self.units)

    def slope(self, model: str = "OLS") -> pd.Series:
        """The slope row (estimate and interval) of one model."""
        rows = self.coefficients[(self.coefficients["model"] == model) & (self.coefficients["term"] == "log_x")]
        return rows.iloc[0]

    def band(self, points: int = 50, alpha: float = 0.05) -> pd.DataFrame:
        """OLS mean and prediction intervals over the range of log(x), for a chart."""
        import numpy as np
        import pandas as pd

        grid = np.linspace(self.units["log_x"].min(), self.units["log_x"].max(), points)
        frame = self.ols.get_prediction(np.column_stack([np.ones(points), grid])).summary_frame(alpha=alpha)
        return pd.DataFrame(
            {
                "log_x": grid,
                "fitted": frame["mean"].to_numpy(),
                "mean_low": frame["mean_ci_lower"].to_numpy(),
                "mean_high": frame["mean_ci_upper"].to_numpy(),
                "obs_low": frame["obs_ci_lower"].to_numpy(),
                "obs_high": frame["obs_ci_upper"].to_numpy(),
            }
        )


def _coefficients(model: str, result: Any, alpha: float) -> pd.DataFrame:
    import pandas as pd

    interval = result.conf_int(alpha=alpha)
    return pd.DataFrame(
        {
            "model": model,
            "term": ["const", "log_x"],
            "estimate": result.params,
            "std_error": result.bse,
            "ci_low": interval[:, 0],
            "ci_high": interval[:, 1],
            "p_value": result.pvalues,
        }
    )


def fit_log_log(
    frame: pd.DataFrame, y: str, x: str, label: str = "doc_id", alpha: float = 0.05, outlier_z: float = 2.0
) -> LogLogFit:
    """OLS and RLM fits of log(frame[y]) on log(frame[x]) over the rows where both are positive.

    A unit is `outlying` when its externally studentized residual exceeds `outlier_z` in size or
    its Cook's distance exceeds 4/n (the usual rules of thumb; with few units they are rough).
    """
    import numpy as np
    import pandas as pd
    import statsmodels.api as sm

    data = pd.DataFrame({"label": frame[label], "x": frame[x], "y": frame[y]})
    data = data[data["x"].notna() & data["y"].notna()]
    data = data[(data["x"].map(float) > 0) & (data["y"].map(float) > 0)].reset_index(drop=True)
    if len(data) < 3:
        raise ValueError(f"{len(data)} units with both {x} and {y}: too few to fit a line")
    data["log_x"] = np.log(data["x"].map(float))
    data["log_y"] = np.log(data["y"].map(float))
    design = sm.add_constant(data["log_x"].to_numpy())
    ols = sm.OLS(data["log_y"].to_numpy(), design).fit()
    rlm = sm.RLM(data["log_y"].to_numpy(), design, M=sm.robust.norms.HuberT()).fit()
    influence = ols.get_influence()
    data["fitted"] = ols.fittedvalues
    data["residual"] = ols.resid
    data["studentized"] = influence.resid_studentized_external
    data["leverage"] = influence.hat_matrix_diag
    data["cooks_d"] = influence.cooks_distance[0]
    data["rlm_weight"] = rlm.weights
    data["outlying"] = (data["studentized"].abs() > outlier_z) | (data["cooks_d"] > 4 / len(data))
    coefficients = pd.concat([_coefficients("OLS", ols, alpha), _coefficients("RLM", rlm, alpha)], ignore_index=True)
    return LogLogFit(coefficients=coefficients, units=data, ols=ols, rlm=rlm)


@dataclass
class DigitTest:
    """Observed and expected counts of each last digit, and Pearson's chi-square against uniform."""

    table: pd.DataFrame  # digit, observed, expected, share
    chi2: float
    dof: int
    p_value: float

    @property
    def n(self) -> int:
        return int(self.table["observed"].sum())


def last_digit_test(digits: pd.Series, support: str = "0123456789") -> DigitTest:
    """Compare the last digits with a uniform distribution over `support` (Pearson's chi-square).

    Digits outside `support` are left out: `support="123456789"` tests the figures that do not
    end in 0 (round sums aside).
    """
    import pandas as pd
    from scipy import stats

    observed = digits.astype(str).value_counts().reindex(list(support), fill_value=0)
    expected = observed.sum() / len(support)
    table = pd.DataFrame(
        {
            "digit": observed.index,
            "observed": observed.to_numpy(),
            "expected": expected,
            "share": observed.to_numpy() / max(observed.sum(), 1),
        }
    )
    dof = len(support) - 1
    if observed.sum() == 0:
        return DigitTest(table, float("nan"), dof, float("nan"))
    chi2, p_value = stats.chisquare(observed.to_numpy())
    return DigitTest(table, float(chi2), dof, float(p_value))
