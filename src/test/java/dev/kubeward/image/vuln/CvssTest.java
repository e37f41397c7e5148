package dev.kubeward.image.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Base scores against FIRST's calculators (the v3.1 specification's examples, NVD's v2 scores). */
class CvssTest {
    @Test
    void v31() {
        assertThat(Cvss.v3("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H")).isEqualTo(10.0);
        assertThat(Cvss.v3("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).isEqualTo(9.8);
        assertThat(Cvss.v3("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H")).isEqualTo(7.8);
        assertThat(Cvss.v3("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H")).isEqualTo(7.5);
        assertThat(Cvss.v3("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N")).isEqualTo(6.1);
        assertThat(Cvss.v3("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:N/A:N")).isEqualTo(6.8);
        assertThat(Cvss.v3("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N")).isEqualTo(0.0);
        assertThat(Cvss.v3("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H/")).isEqualTo(8.8);
        assertThat(Cvss.v3("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H")).isEqualTo(7.2);
        // v3.1's Roundup keeps 4.0 from becoming 4.1 through floating point (specification, Appendix A)
        assertThat(Cvss.roundup31(4.000000000000001)).isEqualTo(4.0);
        assertThat(Cvss.v3("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H")).isNaN();
        assertThat(Cvss.v3("AV:N/AC:L/Au:N/C:P/I:P/A:P")).isNaN();
    }

    @Test
    void v2() {
        assertThat(Cvss.v2("AV:N/AC:L/Au:N/C:P/I:P/A:P")).isEqualTo(7.5);
        assertThat(Cvss.v2("AV:N/AC:M/Au:N/C:N/I:P/A:N")).isEqualTo(4.3);
        assertThat(Cvss.v2("AV:L/AC:L/Au:N/C:C/I:C/A:C")).isEqualTo(7.2);
        assertThat(Cvss.v2("AV:N/AC:L/Au:N/C:N/I:N/A:N")).isEqualTo(0.0);
    }

    @Test
    void v4() {
        // FIRST's calculator (cvss-v4-calculator): the highest vector of a MacroVector scores the table value
        assertThat(CvssV4.score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H")).isEqualTo(10.0);
        assertThat(CvssV4.score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")).isEqualTo(9.3);
        assertThat(CvssV4.score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N")).isEqualTo(8.7);
        assertThat(CvssV4.score("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")).isEqualTo(8.5);
        // a highest vector of MacroVector 102201 (5.3), and one step of severity distance below it in EQ1:
        // 5.3 - (5.3 - 2.4) * (0.1 / 0.4) / 3 = 5.06 → 5.1 (three lower MacroVectors exist: EQ1, EQ2, EQ5)
        assertThat(CvssV4.score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N")).isEqualTo(5.3);
        assertThat(CvssV4.score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N")).isEqualTo(5.1);
        assertThat(CvssV4.score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N")).isEqualTo(0.0);
        // threat metrics: unreported exploitation lowers the score
        assertThat(CvssV4.score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U"))
                .isLessThan(CvssV4.score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"));
        // malformed: a missing base metric, an unknown value, a repeated metric, another version
        assertThat(CvssV4.score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N")).isNaN();
        assertThat(CvssV4.score("CVSS:4.0/AV:NA/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")).isNaN();
        assertThat(CvssV4.score("CVSS:4.0/AV:N/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")).isNaN();
        assertThat(CvssV4.score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).isNaN();
    }

    @Test
    void levels() {
        assertThat(VulnSeverity.ofScore(9.0)).isEqualTo(VulnSeverity.CRITICAL);
        assertThat(VulnSeverity.ofScore(8.9)).isEqualTo(VulnSeverity.HIGH);
        assertThat(VulnSeverity.ofScore(4.0)).isEqualTo(VulnSeverity.MEDIUM);
        assertThat(VulnSeverity.ofScore(0.1)).isEqualTo(VulnSeverity.LOW);
        assertThat(VulnSeverity.ofScore(0.0)).isEqualTo(VulnSeverity.NONE);
        assertThat(VulnSeverity.ofV2Score(7.0)).isEqualTo(VulnSeverity.HIGH);
        assertThat(VulnSeverity.ofWord("MODERATE")).isEqualTo(VulnSeverity.MEDIUM);
        assertThat(VulnSeverity.ofWord("Important")).isEqualTo(VulnSeverity.HIGH);
        assertThat(VulnSeverity.ofWord("unimportant")).isEqualTo(VulnSeverity.LOW);
        assertThat(VulnSeverity.ofWord("not yet assigned")).isNull();
    }
}
