"""teachsim analysts' toolkit: open results files with xarray, draw charts, write an HTML report.

    from analysis import open_results, plots
    ds = open_results("results.h5")
    plots.save(plots.fan_chart(ds, "rural_vacancies", "ALL"), "fan.png")
"""
from .results import MissingData, ResultsError, open_comparison, open_results

__all__ = ["MissingData", "ResultsError", "open_comparison", "open_results"]
