#include "storage/transfer/row_checksum.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace gongdan::storage::transfer {
namespace {

std::string checksum_of(void (*fill)(RowChecksum&)) {
  RowChecksum sum;
  fill(sum);
  return sum.hex();
}

TEST(RowChecksumTest, IsThirtyTwoHexDigitsAndRepeatable) {
  const auto fill = [](RowChecksum& sum) {
    sum.integer(42);
    sum.text("工单 🎫");
    sum.null();
    sum.end_row();
  };
  const auto first = checksum_of(fill);
  EXPECT_EQ(first.size(), 32U);
  EXPECT_EQ(first.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(checksum_of(fill), first);
}

TEST(RowChecksumTest, TellsApartWhatARenderingWithoutTagsWouldConfuse) {
  const auto base = checksum_of([](RowChecksum& sum) {
    sum.text("ab");
    sum.text("c");
    sum.end_row();
  });
  EXPECT_NE(base, checksum_of([](RowChecksum& sum) {
              sum.text("a");
              sum.text("bc");
              sum.end_row();
            }));
  EXPECT_NE(checksum_of([](RowChecksum& sum) { sum.null(), sum.end_row(); }),
            checksum_of([](RowChecksum& sum) { sum.text(""), sum.end_row(); }));
  EXPECT_NE(checksum_of([](RowChecksum& sum) { sum.integer(1), sum.end_row(); }),
            checksum_of([](RowChecksum& sum) { sum.text("1"), sum.end_row(); }));
  // Row boundaries count: two rows of one value are not one row of two.
  EXPECT_NE(checksum_of([](RowChecksum& sum) { sum.integer(1), sum.integer(2), sum.end_row(); }),
            checksum_of([](RowChecksum& sum) { sum.integer(1), sum.end_row(), sum.integer(2), sum.end_row(); }));
  // Order counts.
  EXPECT_NE(checksum_of([](RowChecksum& sum) { sum.integer(1), sum.end_row(), sum.integer(2), sum.end_row(); }),
            checksum_of([](RowChecksum& sum) { sum.integer(2), sum.end_row(), sum.integer(1), sum.end_row(); }));
}

TEST(RowChecksumTest, ValuesLargerThanItsBufferHashTheSameAsSmallOnes) {
  const std::string big(200'000, 'x');
  RowChecksum whole;
  whole.text(big);
  whole.end_row();
  EXPECT_EQ(whole.rows(), 1);
  RowChecksum again;
  again.text(big);
  again.end_row();
  EXPECT_EQ(whole.hex(), again.hex());
  RowChecksum other;
  other.text(big + "y");
  other.end_row();
  EXPECT_NE(other.hex(), whole.hex());
}

TEST(RowChecksumTest, RefusesValuesAfterTheResult) {
  RowChecksum sum;
  sum.integer(1);
  const auto hex = sum.hex();
  EXPECT_EQ(sum.hex(), hex);
  EXPECT_THROW(sum.integer(2), std::logic_error);
}

}  // namespace
}  // namespace gongdan::storage::transfer
