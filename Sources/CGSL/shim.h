// Internal shim for the GNU Scientific Library. No stable API: only
// Sources/TrialStats/Numerics/GSL.swift imports this module.
#ifndef TRIALSTATS_CGSL_SHIM_H
#define TRIALSTATS_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_log.h>
#include <gsl/gsl_math.h>

#endif
