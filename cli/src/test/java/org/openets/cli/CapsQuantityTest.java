package org.openets.cli;

import org.junit.jupiter.api.Test;
import org.openets.cli.CliTesting.Run;
import org.openets.kernel.ActorId;
import org.openets.kernel.Jurisdiction;
import org.openets.store.PgRegistryAdministration;
import org.openets.store.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code caps set --quantity} reads a quantity with the kernel's one rule ({@code Quantity.typed}), as the pages do: full-width forms too. */
class CapsQuantityTest {
    @Test void fullWidthDigitsAreReadAsThePagesReadThem() {
        assertThat(CapsCommand.Set.quantity("３００")).isEqualTo(300);
        assertThat(CapsCommand.Set.quantity("５，０００，０００")).isEqualTo(5_000_000);
        assertThat(CapsCommand.Set.quantity("\u3000１ ０００\u3000")).isEqualTo(1_000);
        for (String refused : new String[]{"１．５", "２ｅ３", "①", "0", "－５"})
            assertThatThrownBy(() -> CapsCommand.Set.quantity(refused)).as(refused).hasMessageContaining("INVALID_QUANTITY");
    }

    @Test void aCapTypedInFullWidthDigitsIsSet() throws Exception {
        try (TestDatabases.TestDatabase db = TestDatabases.create(TestDatabases.Target.SERVICE)) {
            new PgRegistryAdministration(db.dataSource()).addAdministrator(ActorId.of("a1"), Jurisdiction.of("CN"));
            Run r = CliTesting.run("caps", "set", "--url", db.url(), "--unit-type", "CEA", "--vintage", "2031", "--quantity", "３００，０００",
                    "--source", "生态环境部公告 2031 年第 1 号", "--as", "a1");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(UsersCommandTest.one(db, "SELECT quantity FROM issuance_limit WHERE unit_type = 'CEA' AND vintage = 2031")).isEqualTo("300000");
        }
    }
}
