#pragma once

#include <Qt>

namespace hld {

// The item roles the inspector's property models share with its delegate: the component
// table and the link table answer them alike.
enum PropertyRole : int {
    ChoicesRoleId = Qt::UserRole + 1, // QStringList: edit with a combo box
    FieldKeyRoleId,                   // the file's name of the field
    IsDefaultRoleId,                  // a default in force, not a value in the file
    MixedRoleId,                      // values differ across the selection
    IsHeadingRoleId,                  // a group's heading row, not a field
    PairListRoleId,                   // true: a list of "name: number" pairs (a dialog helps)
};

} // namespace hld
