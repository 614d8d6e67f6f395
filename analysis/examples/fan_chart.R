# Fan chart of one indicator from a teachsim results file, with R and hdf5r (Debian r-cran-hdf5r).
#
#   Rscript analysis/examples/fan_chart.R results.h5 fan.png [indicator] [region]
#
# hdf5r returns arrays with the dimensions reversed (R is column-major): an indicator stored as
# (scenario, replication, year, region) reads as [region, year, replication, scenario].
library(hdf5r)

args <- commandArgs(trailingOnly = TRUE)
path <- args[1]; out <- args[2]
metric <- if (length(args) > 2) args[3] else "rural_vacancies"
region <- if (length(args) > 3) args[4] else "ALL"

f <- H5File$new(path, mode = "r")
stopifnot(h5attr(f, "format") == "teachsim-results", h5attr(f, "format_version") == 1)
scenarios <- f[["scenario"]]$read()
years <- f[["year"]]$read()
regions <- f[["region"]]$read()
names_zh <- if (f$exists("region_name_zh")) f[["region_name_zh"]]$read() else regions
var <- f[[metric]]
values <- var$read(drop = FALSE)          # [region, year, replication, scenario]; keep size-1 dims
units <- h5attr(var, "units"); long_name <- h5attr(var, "long_name")
g <- match(region, regions)
if (is.na(g)) stop("no region ", region, " in ", path)

png(out, width = 1000, height = 600, type = "cairo")
# quantiles over replications: a [5 x year x scenario] array
q <- apply(values[g, , , , drop = FALSE], c(2, 4), quantile, probs = c(0.05, 0.25, 0.5, 0.75, 0.95))
plot(NA, xlim = range(years), ylim = range(q), xlab = "Year", ylab = paste0(long_name, " (", units, ")"),
     main = paste0(long_name, " - ", names_zh[g], " ", region, ": median, 50 % and 90 % bands"))
colours <- c("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728")
for (s in seq_along(scenarios)) {
  col <- colours[(s - 1) %% length(colours) + 1]
  polygon(c(years, rev(years)), c(q[1, , s], rev(q[5, , s])), col = adjustcolor(col, 0.15), border = NA)
  polygon(c(years, rev(years)), c(q[2, , s], rev(q[4, , s])), col = adjustcolor(col, 0.35), border = NA)
  lines(years, q[3, , s], col = col, lwd = 2)
}
legend("topleft", legend = scenarios, col = colours[seq_along(scenarios)], lwd = 2)
mtext(paste(h5attr(f, "replications"), "replications, base seed", format(h5attr(f, "base_seed"))),
      side = 1, line = 4, adj = 0, cex = 0.8)
invisible(dev.off())
f$close_all()
cat(out, "\n")
